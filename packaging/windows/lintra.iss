; Inno Setup 6 script: installs the one-folder bundle that packaging/lintra.spec builds on Windows.
; Built by `python packaging/build.py` on Windows, which runs:
;     iscc /DAppVersion=<version> /DBundleDir=<dist\lintra> /O<dist> packaging\windows\lintra.iss
; UNTESTED: written for the CI workflow (.github/workflows/build.yml); see docs/packaging.md.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\lintra"
#endif

[Setup]
AppId={{8C0F5B3E-6F0B-4C55-9B7A-3D2E1F4A5B60}
AppName=Lintra
AppVersion={#AppVersion}
AppPublisher=Lintra developers
DefaultDirName={autopf}\Lintra
DefaultGroupName=Lintra
DisableProgramGroupPage=yes
OutputBaseFilename=lintra-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Per-user install without admin rights unless the user picks "all users".
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
ChangesEnvironment=yes
UninstallDisplayIcon={app}\lintra-desktop.exe

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "Add the lintra command to PATH"; GroupDescription: "Command line:"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Lintra"; Filename: "{app}\lintra-desktop.exe"
Name: "{autodesktop}\Lintra"; Filename: "{app}\lintra-desktop.exe"; Tasks: desktopicon

[Registry]
; One ProgID, offered under "Open with" for every format Lintra reads. Lintra does not take over the
; default program of .txt/.docx/.ts: it only adds itself to OpenWithProgids.
Root: HKA; Subkey: "Software\Classes\Lintra.Translation"; ValueType: string; ValueName: ""; ValueData: "Translation file"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Lintra.Translation\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\lintra-desktop.exe,0"
Root: HKA; Subkey: "Software\Classes\Lintra.Translation\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\lintra-desktop.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.xlf\OpenWithProgids"; ValueType: string; ValueName: "Lintra.Translation"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.xliff\OpenWithProgids"; ValueType: string; ValueName: "Lintra.Translation"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.po\OpenWithProgids"; ValueType: string; ValueName: "Lintra.Translation"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.tmx\OpenWithProgids"; ValueType: string; ValueName: "Lintra.Translation"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.ts\OpenWithProgids"; ValueType: string; ValueName: "Lintra.Translation"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.docx\OpenWithProgids"; ValueType: string; ValueName: "Lintra.Translation"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.txt\OpenWithProgids"; ValueType: string; ValueName: "Lintra.Translation"; ValueData: ""; Flags: uninsdeletevalue
; PATH: the user's for a per-user install, the machine's for an all-users install.
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Tasks: addtopath; Check: not IsAdminInstallMode and NeedsAddPath(ExpandConstant('{app}'))
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Tasks: addtopath; Check: IsAdminInstallMode and NeedsAddPath(ExpandConstant('{app}'))

[Code]
function PathKey(var Root: Integer): String;
begin
  if IsAdminInstallMode then begin
    Root := HKEY_LOCAL_MACHINE;
    Result := 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment';
  end else begin
    Root := HKEY_CURRENT_USER;
    Result := 'Environment';
  end;
end;

function NeedsAddPath(Dir: String): Boolean;
var
  Root: Integer;
  Key, Path: String;
begin
  Key := PathKey(Root);
  if not RegQueryStringValue(Root, Key, 'Path', Path) then begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Path) + ';') = 0;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Root, P: Integer;
  Key, Path, Dir: String;
begin
  // Take {app} out of PATH again (the [Registry] entry only appended it).
  if CurUninstallStep <> usPostUninstall then exit;
  Key := PathKey(Root);
  Dir := ExpandConstant('{app}');
  if not RegQueryStringValue(Root, Key, 'Path', Path) then exit;
  P := Pos(';' + Uppercase(Dir), Uppercase(Path));
  if P > 0 then begin
    Delete(Path, P, Length(Dir) + 1);
    RegWriteExpandStringValue(Root, Key, 'Path', Path);
  end;
end;
