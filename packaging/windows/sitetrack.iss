; Inno Setup script: the Windows installer of the one-folder build (dist\SiteTrack).
; Built by .github/workflows/build.yml: ISCC /DAppVersion=x.y.z packaging\windows\sitetrack.iss
;
; Installs per machine into Program Files (hospital IT deploys it silently with
; "SiteTrackSetup.exe /VERYSILENT /SUPPRESSMSGBOXES"), adds a Start menu entry, and is
; removed from Settings > Apps. The site's data never lives here: databases, backups and logs
; are in each user's own folders (%LOCALAPPDATA%\SiteTracker\SiteTracker), so upgrading or uninstalling
; the program leaves every database and backup where it was.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6B2F8E2A-4C1D-4E4B-9B0E-5E7A1C3D2F10}
AppName=Site Tracker
AppVersion={#AppVersion}
AppPublisher=Site Tracker
DefaultDirName={autopf}\Site Tracker
DefaultGroupName=Site Tracker
DisableProgramGroupPage=yes
OutputDir=..\..\dist\installer
OutputBaseFilename=SiteTrackSetup-{#AppVersion}
SetupIconFile=..\sitetrack.ico
UninstallDisplayIcon={app}\SiteTrack.exe
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
LicenseFile=..\..\build\THIRD-PARTY-NOTICES.txt

[Files]
Source: "..\..\dist\SiteTrack\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\Site Tracker"; Filename: "{app}\SiteTrack.exe"
Name: "{group}\Site Tracker (demo database)"; Filename: "{app}\SiteTrack.exe"; Parameters: "--demo"
Name: "{group}\Uninstall Site Tracker"; Filename: "{uninstallexe}"

[Run]
Filename: "{app}\SiteTrack.exe"; Parameters: "--self-test"; Flags: runhidden; StatusMsg: "Checking the installation..."
