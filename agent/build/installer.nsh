; Included by electron-builder's NSIS script. Parameters for a silent, per-machine roll-out:
;   CallTimeX-Agent-<version>-win-x64.exe /S /allusers /SERVER=https://ctx.corp.example /TOKEN=<enrollment token> [/EMAILDOMAIN=corp.example] [/EMAIL=ann@corp.example]
; They are written to %ProgramData%\CallTimeX\provisioning.json, which the agent reads once, on
; first start of each Windows user, to enroll that user's device.
!include "FileFunc.nsh"

!macro customInstall
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/SERVER=" $R1
  ${IfNot} ${Errors}
    ClearErrors
    ${GetOptions} $R0 "/TOKEN=" $R2
    ${If} ${Errors}
      StrCpy $R2 ""
    ${EndIf}
    ClearErrors
    ${GetOptions} $R0 "/EMAILDOMAIN=" $R3
    ${If} ${Errors}
      StrCpy $R3 ""
    ${EndIf}
    ClearErrors
    ${GetOptions} $R0 "/EMAIL=" $R4
    ${If} ${Errors}
      StrCpy $R4 ""
    ${EndIf}
    SetShellVarContext all
    CreateDirectory "$APPDATA\CallTimeX"
    FileOpen $0 "$APPDATA\CallTimeX\provisioning.json" w
    FileWrite $0 '{"serverUrl":"$R1","enrollmentToken":"$R2","emailDomain":"$R3","employeeEmail":"$R4"}'
    FileClose $0
  ${EndIf}
  ; Start for every user at sign-in.
  WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Run" "CallTimeX Agent" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}"'
!macroend

!macro customUnInstall
  DeleteRegValue HKLM "Software\Microsoft\Windows\CurrentVersion\Run" "CallTimeX Agent"
!macroend
