<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../desktop/about.py" line="29"/>
        <source>About Lintra</source>
        <translation>关于 Lintra</translation>
    </message>
    <message>
        <location filename="../../desktop/about.py" line="40"/>
        <source>&lt;p&gt;Translation-quality checker for English translated from Chinese.&lt;/p&gt;</source>
        <translation>&lt;p&gt;面向中译英文本的翻译质量检查工具。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/about.py" line="43"/>
        <source>&lt;p&gt;Lintra&apos;s own code is MIT-licensed. Bundled components keep their own licences, listed below; translate-toolkit is GPL-3.0-or-later, so installers that bundle it are distributed under the GPL&apos;s terms. The gazetteer includes public-domain names from CedPane.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Lintra 自身的代码采用 MIT 许可证。随附组件保留各自的许可证，见下文；translate-toolkit 采用 GPL-3.0-or-later 许可证，因此捆绑它的安装包按 GPL 条款分发。地名人名词典包含来自 CedPane 的公有领域人名。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <location filename="../../desktop/models.py" line="59"/>
        <source>critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="60"/>
        <source>major</source>
        <translation>主要</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="61"/>
        <source>minor</source>
        <translation>次要</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="62"/>
        <source>neutral</source>
        <translation>中性</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="63"/>
        <source>open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="64"/>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="65"/>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="66"/>
        <source>not an error</source>
        <translation>不是错误</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="67"/>
        <source>rule ignored here</source>
        <translation>本文档忽略此规则</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="76"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="77"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="78"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="79"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="80"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="81"/>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="82"/>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="83"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/mainwindow.py" line="213"/>
        <source>Original</source>
        <translation>原文</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="214"/>
        <source>Corrected (editable)</source>
        <translation>修改稿（可编辑）</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="238"/>
        <source>Search findings…</source>
        <translation>搜索问题…</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="243"/>
        <source>≥ %1</source>
        <translation>≥ %1</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="249"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="254"/>
        <source>All checks</source>
        <translation>全部检查</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="308"/>
        <source>Pick a suggestion or type your own, then Accept</source>
        <translation>选择一个建议或自行输入，然后点“接受”</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="309"/>
        <source>&amp;Accept</source>
        <translation>接受(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="311"/>
        <source>&amp;Reject</source>
        <translation>拒绝(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="313"/>
        <source>Accept all of this &amp;kind</source>
        <translation>接受所有同类问题(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="315"/>
        <source>&amp;Not an error</source>
        <translation>不是错误(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="317"/>
        <source>&amp;Ignore this rule here</source>
        <translation>本文档忽略此规则(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="319"/>
        <source>Add to &amp;termbase</source>
        <translation>加入术语库(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="360"/>
        <source>Review</source>
        <translation>审校</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="361"/>
        <source>Summary</source>
        <translation>概览</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="372"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="408"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="410"/>
        <source>Choose &amp;source file…</source>
        <translation>选择原文文件(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="411"/>
        <source>Choose r&amp;eference translation…</source>
        <translation>选择参考译文(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="412"/>
        <source>Add &amp;termbase for this document…</source>
        <translation>为本文档添加术语库(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="414"/>
        <source>Save corrected &amp;as…</source>
        <translation>修改稿另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="419"/>
        <source>Save &amp;over original…</source>
        <translation>覆盖原文件(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="421"/>
        <source>Export report as %1…</source>
        <translation>导出 %1 报告…</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="424"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="425"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="426"/>
        <source>&amp;Check again</source>
        <translation>重新检查(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="427"/>
        <source>Cancel check</source>
        <translation>取消检查</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="428"/>
        <source>&amp;Next finding</source>
        <translation>下一个问题(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="429"/>
        <source>&amp;Previous finding</source>
        <translation>上一个问题(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="431"/>
        <source>&amp;Accept fix</source>
        <translation>接受修改(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="434"/>
        <source>&amp;Reject finding</source>
        <translation>拒绝问题(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="436"/>
        <source>Accept all &amp;safe fixes</source>
        <translation>接受全部安全修改(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="437"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="438"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="439"/>
        <source>S&amp;ummary</source>
        <translation>概览(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="440"/>
        <source>Re&amp;view</source>
        <translation>审校(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="441"/>
        <source>Show dismissed findings</source>
        <translation>显示已排除的问题</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="444"/>
        <source>Hide accepted and rejected</source>
        <translation>隐藏已接受和已拒绝的问题</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="454"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="456"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="470"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="476"/>
        <source>&amp;Review</source>
        <translation>审校(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="482"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="485"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="486"/>
        <source>&amp;About Lintra</source>
        <translation>关于 Lintra(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="489"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="527"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="564"/>
        <source>Open translation</source>
        <translation>打开译文</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="564"/>
        <source>Translations (%1);;All files (*)</source>
        <translation>译文 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="571"/>
        <source>Choose source file</source>
        <translation>选择原文文件</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="578"/>
        <source>Add termbase</source>
        <translation>添加术语库</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="578"/>
        <source>Termbases (*.csv *.tsv *.tbx);;All files (*)</source>
        <translation>术语库 (*.csv *.tsv *.tbx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="605"/>
        <source>Unsaved corrections</source>
        <translation>修改尚未保存</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="606"/>
        <source>The corrected text has changes that were not saved. Save them first?</source>
        <translation>修改稿有尚未保存的更改。要先保存吗？</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="632"/>
        <source>Cannot open %1</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="642"/>
        <source>Project file ignored: %1</source>
        <translation>已忽略项目文件：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="767"/>
        <source>Cannot check the corrected text</source>
        <translation>无法检查修改稿</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="771"/>
        <source>Checking the corrected text; the left pane now shows it</source>
        <translation>正在检查修改稿；左侧窗格现显示修改稿</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="875"/>
        <source>Check finished: %1 findings</source>
        <translation>检查完成：%1 个问题</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="888"/>
        <source>The check failed</source>
        <translation>检查失败</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="898"/>
        <source>Check cancelled; findings so far are kept</source>
        <translation>检查已取消；已发现的问题保留</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="918"/>
        <source>No findings</source>
        <translation>没有发现问题</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="920"/>
        <source>Open a translation to check it (File ▸ Open, or drop a file here)</source>
        <translation>打开译文以进行检查（文件 ▸ 打开，或将文件拖到此处）</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="925"/>
        <source>%1 findings, %2 open</source>
        <translation>%1 个问题，%2 个待处理</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="968"/>
        <source>the reference has %1 segments, the document %2</source>
        <translation>参考译文有 %1 个句段，文档有 %2 个</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="981"/>
        <source>Choose reference translation</source>
        <translation>选择参考译文</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1103"/>
        <source>Source: %1</source>
        <translation>原文：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1105"/>
        <source>(insertion point)</source>
        <translation>（插入点）</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1110"/>
        <source>Empty suggestion: the flagged text is deleted</source>
        <translation>空建议：删除标出的文本</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1269"/>
        <source>This finding has no suggestion: type a replacement first</source>
        <translation>此问题没有建议：请先输入替换文本</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1271"/>
        <source>Accept %1</source>
        <translation>接受 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1292"/>
        <source>Accept all %1 «%2»</source>
        <translation>接受全部 %1 «%2»</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1301"/>
        <source>Accept all safe fixes</source>
        <translation>接受全部安全修改</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1305"/>
        <source>Nothing to accept</source>
        <translation>没有可接受的修改</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1372"/>
        <source>%1 finding(s) skipped: they overlap a fix already made or text edited by hand</source>
        <translation>跳过 %1 个问题：与已做的修改或手动编辑重叠</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1425"/>
        <source>Some fixes were skipped: they overlap another fix or a hand edit</source>
        <translation>部分修改被跳过：与其他修改或手动编辑重叠</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1430"/>
        <source>Edit segment %1</source>
        <translation>编辑句段 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1447"/>
        <source>Already accepted: use Undo to take the fix back</source>
        <translation>已接受：如需取消请使用撤销</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1474"/>
        <source>Cannot save the project file</source>
        <translation>无法保存项目文件</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1480"/>
        <source>Remembered in %1</source>
        <translation>已记录在 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1500"/>
        <source>Choose or type the preferred term first</source>
        <translation>请先选择或输入首选术语</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1511"/>
        <source>added from %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1514"/>
        <source>Cannot write the termbase</source>
        <translation>无法写入术语库</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1516"/>
        <source>Added «%1» to %2</source>
        <translation>已将 «%1» 加入 %2</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1568"/>
        <source>Save corrected document</source>
        <translation>保存修改稿</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1577"/>
        <location filename="../../desktop/mainwindow.py" line="1603"/>
        <source>Cannot save %1</source>
        <translation>无法保存 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1581"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1591"/>
        <source>Overwrite the original?</source>
        <translation>覆盖原文件？</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1592"/>
        <source>Replace %1 with the corrected text? The original is kept as %2.</source>
        <translation>用修改稿替换 %1？原文件将保留为 %2。</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1610"/>
        <source>Saved; original kept as %1</source>
        <translation>已保存；原文件保留为 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1622"/>
        <source>Export is not available</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1622"/>
        <source>This build has no report writers (checks.reporters).</source>
        <translation>此版本没有报告输出模块（checks.reporters）。</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1626"/>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1641"/>
        <source>Cannot export the report</source>
        <translation>无法导出报告</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1643"/>
        <source>Report written to %1</source>
        <translation>报告已写入 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1697"/>
        <source>Autosave failed: %1</source>
        <translation>自动保存失败：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1715"/>
        <source>Restore unsaved review?</source>
        <translation>恢复未保存的审校？</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1716"/>
        <source>Restore unsaved review from %1?</source>
        <translation>恢复 %1 未保存的审校？</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1721"/>
        <source>Lintra was closed before the corrections of %1 were saved (%2 fixes accepted, %3 rejected). Choose No to discard the autosaved review.</source>
        <translation>Lintra 在 %1 的修改保存之前被关闭（已接受 %2 处修正，已拒绝 %3 处）。选择“否”将丢弃自动保存的审校。</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1740"/>
        <source>Unreadable autosave kept as %1: %2</source>
        <translation>无法读取的自动保存已保留为 %1：%2</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1749"/>
        <source>Autosave of a changed file</source>
        <translation>文件已更改的自动保存</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1751"/>
        <source>%1 has changed since its unsaved review was autosaved (%2), so it cannot be restored. Discard the autosave? No keeps it as a separate file.</source>
        <translation>%1 在其未保存的审校自动保存（%2）之后已被更改，因此无法恢复。丢弃该自动保存吗？选择“否”会将其另存为单独的文件。</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1760"/>
        <source>Discarded the autosave of a changed file</source>
        <translation>已丢弃已更改文件的自动保存</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1763"/>
        <source>The file changed; its old autosave is kept as %1</source>
        <translation>文件已更改；旧的自动保存已保留为 %1</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1802"/>
        <source>Restore accepted fixes</source>
        <translation>恢复已接受的修正</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1815"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1820"/>
        <source>Restored the review autosaved at %1</source>
        <translation>已恢复 %1 自动保存的审校</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="1844"/>
        <source>Rules could not be loaded: %1</source>
        <translation>无法加载规则：%1</translation>
    </message>
</context>
<context>
    <name>SegmentGridModel</name>
    <message>
        <location filename="../../desktop/models.py" line="290"/>
        <source>Source</source>
        <translation>原文</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="291"/>
        <source>Target</source>
        <translation>译文</translation>
    </message>
    <message>
        <location filename="../../desktop/models.py" line="292"/>
        <source>Corrected</source>
        <translation>修改稿</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/settings.py" line="141"/>
        <source>Lintra settings</source>
        <translation>Lintra 设置</translation>
    </message>
    <message>
        <location filename="../../desktop/settings.py" line="152"/>
        <source>Show findings from severity</source>
        <translation>显示问题的最低严重程度</translation>
    </message>
    <message>
        <location filename="../../desktop/settings.py" line="155"/>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <location filename="../../desktop/settings.py" line="160"/>
        <source>Interface language (after restart)</source>
        <translation>界面语言（重启后生效）</translation>
    </message>
    <message>
        <location filename="../../desktop/settings.py" line="163"/>
        <source>&quot;Add to termbase&quot; writes to</source>
        <translation>“加入术语库”写入</translation>
    </message>
    <message>
        <location filename="../../desktop/settings.py" line="165"/>
        <source>Termbases used by every check</source>
        <translation>每次检查使用的术语库</translation>
    </message>
    <message>
        <location filename="../../desktop/settings.py" line="171"/>
        <source>Add termbase…</source>
        <translation>添加术语库…</translation>
    </message>
    <message>
        <location filename="../../desktop/settings.py" line="173"/>
        <location filename="../../desktop/settings.py" line="188"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../desktop/settings.py" line="180"/>
        <source>Your rule packs (YAML), loaded besides the shipped ones</source>
        <translation>你的规则包（YAML），与内置规则包一同加载</translation>
    </message>
    <message>
        <location filename="../../desktop/settings.py" line="186"/>
        <source>Add rule pack…</source>
        <translation>添加规则包…</translation>
    </message>
    <message>
        <location filename="../../desktop/settings.py" line="195"/>
        <source>Checks that run (untick to switch a rule off)</source>
        <translation>运行的检查（取消勾选即关闭该规则）</translation>
    </message>
    <message>
        <location filename="../../desktop/settings.py" line="197"/>
        <source>Filter rules…</source>
        <translation>筛选规则…</translation>
    </message>
    <message>
        <location filename="../../desktop/settings.py" line="211"/>
        <source>No rules could be loaded.</source>
        <translation>无法加载任何规则。</translation>
    </message>
    <message>
        <location filename="../../desktop/settings.py" line="226"/>
        <source>Add termbase</source>
        <translation>添加术语库</translation>
    </message>
    <message>
        <location filename="../../desktop/settings.py" line="226"/>
        <source>Termbases (*.csv *.tsv *.tbx);;All files (*)</source>
        <translation>术语库 (*.csv *.tsv *.tbx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/settings.py" line="233"/>
        <source>Add rule pack</source>
        <translation>添加规则包</translation>
    </message>
    <message>
        <location filename="../../desktop/settings.py" line="233"/>
        <source>Rule packs (*.yaml *.yml);;All files (*)</source>
        <translation>规则包 (*.yaml *.yml);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>SummaryView</name>
    <message>
        <location filename="../../desktop/views.py" line="65"/>
        <source>Reference not used: %1</source>
        <translation>未使用参考译文：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/views.py" line="73"/>
        <source>Against the reference (original → corrected, sacrebleu): %1</source>
        <translation>与参考译文对比（原译 → 修改稿，sacrebleu）：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/views.py" line="99"/>
        <source>No check has run yet.</source>
        <translation>尚未运行检查。</translation>
    </message>
    <message>
        <location filename="../../desktop/views.py" line="101"/>
        <source>Automatic MQM-style score: %1 penalty points per 1,000 words</source>
        <translation>自动 MQM 式评分：每千词 %1 罚分</translation>
    </message>
    <message>
        <location filename="../../desktop/views.py" line="108"/>
        <source>%1 findings in %2 words. Computed from the findings, not a human judgement.</source>
        <translation>%2 词中共 %1 个问题。分数由自动检查结果计算，并非人工评判。</translation>
    </message>
</context>
</TS>
