"""User settings kept in QSettings, their conversion to a RunConfig, and the settings dialog."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checks.config import RunConfig
from checks.model import Severity
from checks.registry import RuleMeta

LANGUAGES = (("en", "English"), ("zh_CN", "简体中文"))
MAX_RECENT = 8


def _strings(value: object) -> list[str]:
    # QSettings returns a str for a one-element list on some backends, None when unset.
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]  # type: ignore[union-attr]


class AppSettings:
    """Typed access to the app's QSettings (pass a QSettings to isolate tests)."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings("Lintra", "Lintra")

    @property
    def disabled_codes(self) -> list[str]:
        """Rule codes the user switched off."""
        return _strings(self.store.value("checks/disabled"))

    @disabled_codes.setter
    def disabled_codes(self, codes: Sequence[str]) -> None:
        self.store.setValue("checks/disabled", sorted(codes))

    @property
    def min_severity(self) -> Severity:
        """Findings below this severity are not shown."""
        try:
            return Severity.parse(str(self.store.value("checks/min_severity", "neutral")))
        except ValueError:
            return Severity.NEUTRAL

    @min_severity.setter
    def min_severity(self, value: Severity) -> None:
        self.store.setValue("checks/min_severity", value.label)

    @property
    def termbases(self) -> list[str]:
        """Extra termbase files used by every run."""
        return _strings(self.store.value("checks/termbases"))

    @termbases.setter
    def termbases(self, paths: Sequence[str]) -> None:
        self.store.setValue("checks/termbases", list(paths))

    @property
    def packs(self) -> list[str]:
        """User rule packs (YAML) loaded besides the shipped ones."""
        return _strings(self.store.value("checks/packs"))

    @packs.setter
    def packs(self, paths: Sequence[str]) -> None:
        self.store.setValue("checks/packs", list(paths))

    @property
    def user_termbase(self) -> str:
        """The CSV termbase that "add to termbase" appends to."""
        value = self.store.value("checks/user_termbase")
        if value:
            return str(value)
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        return str(Path(folder or Path.home()) / "termbase.csv")

    @user_termbase.setter
    def user_termbase(self, path: str) -> None:
        self.store.setValue("checks/user_termbase", path)

    @property
    def language(self) -> str:
        """UI language code ("en" or "zh_CN"); empty means the system language."""
        return str(self.store.value("ui/language", "") or "")

    @language.setter
    def language(self, code: str) -> None:
        self.store.setValue("ui/language", code)

    @property
    def recent_files(self) -> list[str]:
        """Most recently opened files, newest first."""
        return _strings(self.store.value("ui/recent"))

    def add_recent(self, path: str) -> None:
        """Put *path* first in the recent files."""
        files = [path, *(p for p in self.recent_files if p != path)][:MAX_RECENT]
        self.store.setValue("ui/recent", files)

    def run_config(self, extra_termbases: Sequence[Path] = ()) -> RunConfig:
        """The engine configuration these settings stand for."""
        termbases = [Path(p) for p in self.termbases]
        user = Path(self.user_termbase)
        if user.is_file():
            termbases.append(user)
        termbases.extend(extra_termbases)
        unique = tuple(dict.fromkeys(termbases))
        return RunConfig(
            ignore=tuple(self.disabled_codes),
            min_severity=self.min_severity,
            termbases=unique,
            packs=tuple(Path(p) for p in self.packs),
        )


class SettingsDialog(QDialog):
    """Which checks run, severity threshold, termbases and UI language."""

    def __init__(self, settings: AppSettings, rules: Mapping[str, RuleMeta], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Lintra settings"))
        self.resize(760, 700)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(form)

        self.severity = QComboBox()
        for sev in Severity:
            self.severity.addItem(sev.label, sev)
        self.severity.setCurrentIndex(int(settings.min_severity))
        form.addRow(self.tr("Show findings from severity"), self.severity)

        self.language = QComboBox()
        self.language.addItem(self.tr("System language"), "")
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        index = self.language.findData(settings.language)
        self.language.setCurrentIndex(max(index, 0))
        form.addRow(self.tr("Interface language (after restart)"), self.language)

        self.user_termbase = QLineEdit(settings.user_termbase)
        form.addRow(self.tr('"Add to termbase" writes to'), self.user_termbase)

        layout.addWidget(QLabel(self.tr("Termbases used by every check")))
        self.termbases = QListWidget()
        self.termbases.addItems(settings.termbases)
        self.termbases.setMaximumHeight(90)
        layout.addWidget(self.termbases)
        row = QHBoxLayout()
        add = QPushButton(self.tr("Add termbase…"))
        add.clicked.connect(self._add_termbase)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(lambda: self.termbases.takeItem(self.termbases.currentRow()))
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout.addLayout(row)

        layout.addWidget(QLabel(self.tr("Your rule packs (YAML), loaded besides the shipped ones")))
        self.packs = QListWidget()
        self.packs.addItems(settings.packs)
        self.packs.setMaximumHeight(70)
        layout.addWidget(self.packs)
        row = QHBoxLayout()
        add_pack = QPushButton(self.tr("Add rule pack…"))
        add_pack.clicked.connect(self._add_pack)
        remove_pack = QPushButton(self.tr("Remove"))
        remove_pack.clicked.connect(lambda: self.packs.takeItem(self.packs.currentRow()))
        row.addWidget(add_pack)
        row.addWidget(remove_pack)
        row.addStretch(1)
        layout.addLayout(row)

        layout.addWidget(QLabel(self.tr("Checks that run (untick to switch a rule off)")))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter rules…"))
        self.filter.textChanged.connect(self._filter_rules)
        layout.addWidget(self.filter)
        self.rules = QListWidget()
        disabled = set(settings.disabled_codes)
        for code, meta in sorted(rules.items()):
            item = QListWidgetItem(f"{code}  {meta.title}  ·  {meta.category}  ·  {meta.severity.label}")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if code in disabled else Qt.CheckState.Checked)
            item.setToolTip(meta.description or meta.title)
            self.rules.addItem(item)
        layout.addWidget(self.rules, 1)
        if not rules:
            layout.addWidget(QLabel(self.tr("No rules could be loaded.")))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _filter_rules(self, text: str) -> None:
        needle = text.casefold()
        for i in range(self.rules.count()):
            item = self.rules.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _add_termbase(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Add termbase"), "", self.tr("Termbases (*.csv *.tsv *.tbx);;All files (*)")
        )
        if path:
            self.termbases.addItem(path)

    def _add_pack(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Add rule pack"), "", self.tr("Rule packs (*.yaml *.yml);;All files (*)")
        )
        if path:
            self.packs.addItem(path)

    def apply(self) -> None:
        """Store the dialog's choices in the settings."""
        s = self.settings
        s.min_severity = Severity(self.severity.currentData())
        s.language = str(self.language.currentData())
        s.user_termbase = self.user_termbase.text().strip() or s.user_termbase
        s.termbases = [self.termbases.item(i).text() for i in range(self.termbases.count())]
        s.packs = [self.packs.item(i).text() for i in range(self.packs.count())]
        s.disabled_codes = [
            str(self.rules.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.rules.count())
            if self.rules.item(i).checkState() != Qt.CheckState.Checked
        ]

    def accept(self) -> None:
        """Apply, then close."""
        self.apply()
        super().accept()
