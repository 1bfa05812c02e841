; Inno Setup script: packs the PyInstaller one-folder build (dist\intake-desk) into a Windows installer.
;   iscc installer\windows\intake-desk.iss
[Setup]
AppName=Intake Desk 社会救助窗口受理台
AppVersion=0.1.0
AppPublisher=Intake Desk
DefaultDirName={autopf}\IntakeDesk
DefaultGroupName=社会救助窗口受理台
OutputBaseFilename=intake-desk-setup
Compression=lzma2
SolidCompression=yes
PrivilegesRequired=admin

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\intake-desk\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\社会救助窗口受理台"; Filename: "{app}\intake-desk.exe"
Name: "{commondesktop}\社会救助窗口受理台"; Filename: "{app}\intake-desk.exe"

[Run]
Filename: "{app}\intake-desk.exe"; Parameters: "selftest"; Flags: runhidden; StatusMsg: "Checking the installation…"
