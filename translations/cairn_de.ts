<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>GuiStyle</name>
    <message>
        <location filename="../src/gui/GuiStyle.cpp" line="+57"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>cairn::AboutDialog</name>
    <message>
        <location filename="../src/gui/AboutDialog.cpp" line="+25"/>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SQLCipher</source>
        <translation>SQLCipher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (SQLite %2)</source>
        <translation>%1 (SQLite %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>QtKeychain</source>
        <translation>QtKeychain</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>spdlog</source>
        <translation>spdlog</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>About Cairn</source>
        <translation>Über Cairn</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cairn icon</source>
        <translation>Cairn-Symbol</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cairn</source>
        <translation>Cairn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A private, native desktop client for chatting with language models and managing knowledge offline. Everything Cairn stores stays on this computer, in an encrypted database.</source>
        <translation>Ein privater, nativer Desktop-Client, um mit Sprachmodellen zu chatten und Wissen offline zu verwalten. Alles, was Cairn speichert, bleibt auf diesem Computer – in einer verschlüsselten Datenbank.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Built with</source>
        <translation>Erstellt mit</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>&amp;Copy Version Info</source>
        <translation>Versionsangaben &amp;kopieren</translation>
    </message>
</context>
<context>
    <name>cairn::AdminPane</name>
    <message>
        <location filename="../src/gui/panes/AdminPane.cpp" line="+33"/>
        <source>Random key in the system keychain</source>
        <translation>Zufälliger Schlüssel im Schlüsselbund des Systems</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+98"/>
        <source>Admin</source>
        <translation>Verwaltung</translation>
    </message>
    <message>
        <location line="-96"/>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Location:</source>
        <translation>Speicherort:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key protection:</source>
        <translation>Schlüsselschutz:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schema version:</source>
        <translation>Schemaversion:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encryption:</source>
        <translation>Verschlüsselung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SQLite:</source>
        <translation>SQLite:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size:</source>
        <translation>Größe:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Journal mode:</source>
        <translation>Journalmodus:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+281"/>
        <source>Change &amp;Passphrase…</source>
        <translation>&amp;Passphrase ändern …</translation>
    </message>
    <message>
        <location line="-280"/>
        <source>Use the System &amp;Keychain</source>
        <translation>&amp;Schlüsselbund des Systems verwenden</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Working</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Data directory:</source>
        <translation>Datenverzeichnis:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings:</source>
        <translation>Einstellungen:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log file:</source>
        <translation>Protokolldatei:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log level</source>
        <translation>Protokollstufe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trace (everything)</source>
        <translation>Ablaufverfolgung (alles)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Debug</source>
        <translation>Fehlersuche</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Critical errors</source>
        <translation>Kritische Fehler</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Log level:</source>
        <translation>Protokollstufe:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your encrypted database, how its key is protected, and where Cairn keeps its files.</source>
        <translation>Ihre verschlüsselte Datenbank, wie ihr Schlüssel geschützt ist und wo Cairn seine Dateien ablegt.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Reading the database…</source>
        <translation>Datenbank wird gelesen …</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Could not read the database information: %1</source>
        <translation>Die Datenbankinformationen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 (up to date)</source>
        <translation>%1 (aktuell)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (latest: %2)</source>
        <translation>%1 (neueste: %2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SQLCipher %1</source>
        <translation>SQLCipher %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SQLCipher %1 (crypto: %2)</source>
        <translation>SQLCipher %1 (Kryptografie: %2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (%2 pages of %3 bytes; write-ahead log %4)</source>
        <translation>%1 (%2 Seiten zu %3 Byte; Write-Ahead-Log %4)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Use the System Keychain</source>
        <translation>Schlüsselbund des Systems verwenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-encrypt the database with a new random key kept in the system keychain?</source>
        <translation>Die Datenbank mit einem neuen zufälligen Schlüssel aus dem Schlüsselbund des Systems neu verschlüsseln?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cairn will no longer ask for your passphrase. Anyone who can use your account&apos;s keychain can then open the database.</source>
        <translation>Cairn fragt dann nicht mehr nach Ihrer Passphrase. Wer den Schlüsselbund Ihres Benutzerkontos verwenden kann, kann die Datenbank dann öffnen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use &amp;Keychain</source>
        <translation>&amp;Schlüsselbund verwenden</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Re-encrypting the database with the new passphrase…</source>
        <translation>Datenbank wird mit der neuen Passphrase neu verschlüsselt …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Done. The database is now protected by the new passphrase.</source>
        <translation>Fertig. Die Datenbank ist jetzt durch die neue Passphrase geschützt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Re-encrypting the database with a new key from the system keychain…</source>
        <translation>Datenbank wird mit einem neuen Schlüssel aus dem Schlüsselbund des Systems neu verschlüsselt …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done. The database key is now kept in the system keychain.</source>
        <translation>Fertig. Der Datenbankschlüssel liegt jetzt im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The key was not changed: %1</source>
        <translation>Der Schlüssel wurde nicht geändert: %1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Use a &amp;Passphrase…</source>
        <translation>&amp;Passphrase verwenden …</translation>
    </message>
</context>
<context>
    <name>cairn::ChangePassphraseDialog</name>
    <message>
        <location filename="../src/gui/ChangePassphraseDialog.cpp" line="+17"/>
        <source>Protect with a Passphrase</source>
        <translation>Mit einer Passphrase schützen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change Passphrase</source>
        <translation>Passphrase ändern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The database will be re-encrypted with a key derived from this passphrase, and its key will be removed from the system keychain. You will enter the passphrase each time Cairn starts.</source>
        <translation>Die Datenbank wird mit einem aus dieser Passphrase abgeleiteten Schlüssel neu verschlüsselt, und ihr Schlüssel wird aus dem Schlüsselbund des Systems entfernt. Sie geben die Passphrase bei jedem Start von Cairn ein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database will be re-encrypted with a key derived from the new passphrase. The old passphrase will no longer open it.</source>
        <translation>Die Datenbank wird mit einem aus der neuen Passphrase abgeleiteten Schlüssel neu verschlüsselt. Die alte Passphrase öffnet sie danach nicht mehr.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>If you forget the passphrase, your data cannot be recovered.</source>
        <translation>Wenn Sie die Passphrase vergessen, lassen sich Ihre Daten nicht wiederherstellen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Use Passphrase</source>
        <translation>Passphrase &amp;verwenden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Change Passphrase</source>
        <translation>Passphrase &amp;ändern</translation>
    </message>
</context>
<context>
    <name>cairn::ChatPane</name>
    <message>
        <location filename="../src/gui/panes/ChatPane.cpp" line="+12"/>
        <source>No conversations yet</source>
        <translation>Noch keine Unterhaltungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chatting with language models arrives in a coming version of Cairn. No conversation has been created yet, and nothing has been sent anywhere.</source>
        <translation>Das Chatten mit Sprachmodellen kommt in einer der nächsten Versionen von Cairn. Bisher wurde keine Unterhaltung angelegt, und nichts wurde irgendwohin gesendet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where you will talk with language models, locally or through a provider you choose.</source>
        <translation>Hier werden Sie mit Sprachmodellen sprechen – lokal oder über einen Anbieter Ihrer Wahl.</translation>
    </message>
</context>
<context>
    <name>cairn::CliApp</name>
    <message>
        <location filename="../src/cli/CliApp.cpp" line="+26"/>
        <source>Commands:
  db create                 create the database (keychain mode; passphrase mode with
                            --passphrase-file or --passphrase-fd)
  db check                  integrity, cipher (HMAC) and foreign-key checks
  db info                   schema version, SQLCipher version, size, key mode
  db rekey                  change the key in place: --new-passphrase-file FILE,
                            --new-passphrase-fd N, or --to-keychain
  db import-plain SOURCE    create the encrypted database from an unencrypted SQLite file

Exit codes: 0 success, 1 failure, 2 usage error, 3 wrong passphrase or not a Cairn database,
4 database from a newer Cairn, 5 no keychain available.</source>
        <translation>Befehle:
  db create                 die Datenbank anlegen (Schlüsselbund-Modus; Passphrase-Modus mit
                            --passphrase-file oder --passphrase-fd)
  db check                  Integritäts-, Verschlüsselungs- (HMAC) und Fremdschlüsselprüfung
  db info                   Schemaversion, SQLCipher-Version, Größe, Schlüsselmodus
  db rekey                  den Schlüssel an Ort und Stelle ändern: --new-passphrase-file DATEI,
                            --new-passphrase-fd N oder --to-keychain
  db import-plain QUELLE    die verschlüsselte Datenbank aus einer unverschlüsselten SQLite-Datei anlegen

Exit-Codes: 0 Erfolg, 1 Fehler, 2 Aufruffehler, 3 falsche Passphrase oder keine Cairn-Datenbank,
4 Datenbank aus einer neueren Cairn-Version, 5 kein Schlüsselbund verfügbar.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>%1 (see cairn-cli --help)</source>
        <translation>%1 (siehe cairn-cli --help)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cairn&apos;s command-line tool.</source>
        <translation>Das Kommandozeilenwerkzeug von Cairn.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the versions of Cairn and its libraries.</source>
        <translation>Die Versionen von Cairn und seinen Bibliotheken anzeigen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Use DIR as the data directory (default: $CAIRN_DATA_DIR, then the platform&apos;s data location).</source>
        <translation>VERZ als Datenverzeichnis verwenden (Standard: $CAIRN_DATA_DIR, dann der Datenspeicherort der Plattform).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>DIR</source>
        <translation>VERZ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read the passphrase from the first line of FILE (passphrase mode).</source>
        <translation>Die Passphrase aus der ersten Zeile von DATEI lesen (Passphrase-Modus).</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Read the passphrase from file descriptor N (passphrase mode).</source>
        <translation>Die Passphrase aus Dateideskriptor N lesen (Passphrase-Modus).</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>db rekey: the new passphrase, from FILE.</source>
        <translation>db rekey: die neue Passphrase, aus DATEI.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>db rekey: the new passphrase, from file descriptor N.</source>
        <translation>db rekey: die neue Passphrase, aus Dateideskriptor N.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>db rekey: switch to a random key kept in the system keychain.</source>
        <translation>db rekey: auf einen zufälligen Schlüssel im Schlüsselbund des Systems umstellen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log level: trace, debug, info, warn, error, critical or off.</source>
        <translation>Protokollstufe: trace, debug, info, warn, error, critical oder off.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>LEVEL</source>
        <translation>STUFE</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also write the log to stderr.</source>
        <translation>Das Protokoll zusätzlich auf stderr ausgeben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>db create | db check | db info | db rekey | db import-plain SOURCE</source>
        <translation>db create | db check | db info | db rekey | db import-plain QUELLE</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>unknown log level %1</source>
        <translation>unbekannte Protokollstufe %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>no command given</source>
        <translation>kein Befehl angegeben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown command: %1</source>
        <translation>unbekannter Befehl: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unexpected argument: %1</source>
        <translation>unerwartetes Argument: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>unknown command: db %1</source>
        <translation>unbekannter Befehl: db %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>--%1 needs a file descriptor number.</source>
        <translation>--%1 braucht die Nummer eines Dateideskriptors.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no passphrase given</source>
        <translation>keine Passphrase angegeben</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no database in %1 (create one with: cairn-cli db create)</source>
        <translation>keine Datenbank in %1 (anlegen mit: cairn-cli db create)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>this database is protected by a passphrase: give --passphrase-file FILE or --passphrase-fd N</source>
        <translation>diese Datenbank ist durch eine Passphrase geschützt: geben Sie --passphrase-file DATEI oder --passphrase-fd N an</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>created %1 (%2 mode)</source>
        <translation>%1 angelegt (Modus %2)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>ok: integrity, cipher integrity and foreign keys</source>
        <translation>ok: Integrität, Verschlüsselungsintegrität und Fremdschlüssel</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>path: %1</source>
        <translation>Pfad: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>schema version: %1 (this Cairn knows up to %2)</source>
        <translation>Schemaversion: %1 (dieses Cairn kennt bis %2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>key mode: %1</source>
        <translation>Schlüsselmodus: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sqlcipher version: %1</source>
        <translation>SQLCipher-Version: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sqlite version: %1</source>
        <translation>SQLite-Version: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cipher provider: %1</source>
        <translation>Kryptografie-Anbieter: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>journal mode: %1</source>
        <translation>Journalmodus: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>size: %1 bytes (%2 pages of %3 bytes; write-ahead log %4 bytes)</source>
        <translation>Größe: %1 Byte (%2 Seiten zu %3 Byte; Write-Ahead-Log %4 Byte)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>db rekey needs exactly one of --new-passphrase-file, --new-passphrase-fd or --to-keychain</source>
        <translation>db rekey braucht genau eine der Optionen --new-passphrase-file, --new-passphrase-fd oder --to-keychain</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>re-keying the database…</source>
        <translation>Datenbank wird neu verschlüsselt …</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>re-keyed %1 (%2 mode)</source>
        <translation>%1 umgeschlüsselt (Modus %2)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>db import-plain needs exactly one SOURCE file</source>
        <translation>db import-plain braucht genau eine QUELL-Datei</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>imported %1 into %2 (%3 mode)</source>
        <translation>%1 nach %2 importiert (Modus %3)</translation>
    </message>
</context>
<context>
    <name>cairn::Database</name>
    <message>
        <location filename="../src/storage/Database.cpp" line="+114"/>
        <source>Cannot open %1</source>
        <translation>%1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The database key is being changed; try again in a moment.</source>
        <translation>Der Datenbankschlüssel wird gerade geändert; versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Integrity check failed</source>
        <translation>Integritätsprüfung fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>integrity: %1</source>
        <translation>Integrität: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cipher integrity check failed</source>
        <translation>Prüfung der Verschlüsselungsintegrität fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cipher: %1</source>
        <translation>Verschlüsselung: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Foreign key check failed</source>
        <translation>Fremdschlüsselprüfung fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>foreign key: table %1 row %2 refers to a missing row in %3</source>
        <translation>Fremdschlüssel: Tabelle %1, Zeile %2 verweist auf eine fehlende Zeile in %3</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The new key is empty.</source>
        <translation>Der neue Schlüssel ist leer.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>An unencrypted database cannot be re-keyed; import it instead.</source>
        <translation>Eine unverschlüsselte Datenbank kann nicht umgeschlüsselt werden; importieren Sie sie stattdessen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Close the other connections to the database before changing its key.</source>
        <translation>Schließen Sie die anderen Verbindungen zur Datenbank, bevor Sie ihren Schlüssel ändern.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database key is already being changed.</source>
        <translation>Der Datenbankschlüssel wird bereits geändert.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The database is not open.</source>
        <translation>Die Datenbank ist nicht geöffnet.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Changing the database key failed%1; the previous key still opens it.</source>
        <translation>Das Ändern des Datenbankschlüssels ist fehlgeschlagen%1; der bisherige Schlüssel öffnet sie weiterhin.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Changing the database key did not complete and neither key could be confirmed. Nothing was deleted; restart Cairn to retry with both keys.</source>
        <translation>Das Ändern des Datenbankschlüssels wurde nicht abgeschlossen, und keiner der beiden Schlüssel konnte bestätigt werden. Es wurde nichts gelöscht; starten Sie Cairn neu, um es mit beiden Schlüsseln erneut zu versuchen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 already exists; import needs a new database file.</source>
        <translation>%1 existiert bereits; der Import braucht eine neue Datenbankdatei.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is not an unencrypted SQLite database.</source>
        <translation>%1 ist keine unverschlüsselte SQLite-Datenbank.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Importing %1 failed: %2</source>
        <translation>Der Import von %1 ist fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>cairn::FirstRunDialog</name>
    <message>
        <location filename="../src/gui/FirstRunDialog.cpp" line="+34"/>
        <source>Keep the key in the system &amp;keychain (recommended)</source>
        <translation>Schlüssel im &amp;Schlüsselbund des Systems aufbewahren (empfohlen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cairn creates a random 256-bit key and stores it in your system&apos;s keychain. You don&apos;t have to type anything when Cairn starts.</source>
        <translation>Cairn erzeugt einen zufälligen 256-Bit-Schlüssel und legt ihn im Schlüsselbund Ihres Systems ab. Beim Start von Cairn müssen Sie nichts eingeben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Protect with a &amp;passphrase</source>
        <translation>Mit einer &amp;Passphrase schützen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Creating the database…</source>
        <translation>Datenbank wird angelegt …</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+53"/>
        <source>Welcome to Cairn</source>
        <translation>Willkommen bei Cairn</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Keep the key in the system keychain</source>
        <translation>Schlüssel im Schlüsselbund des Systems aufbewahren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Protect with a passphrase</source>
        <translation>Mit einer Passphrase schützen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Keychain status</source>
        <translation>Status des Schlüsselbunds</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checking the system keychain…</source>
        <translation>Schlüsselbund des Systems wird geprüft …</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cairn keeps your conversations, folders and knowledge in one encrypted database on this computer. Choose how its key is protected; you can change this later under Admin.</source>
        <translation>Cairn speichert Ihre Unterhaltungen, Ordner und Ihr Wissen in einer verschlüsselten Datenbank auf diesem Computer. Wählen Sie, wie ihr Schlüssel geschützt wird; Sie können das später unter „Verwaltung“ ändern.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The key is derived from a passphrase you enter each time Cairn starts. If you forget it, your data cannot be recovered.</source>
        <translation>Der Schlüssel wird aus einer Passphrase abgeleitet, die Sie bei jedem Start von Cairn eingeben. Wenn Sie sie vergessen, lassen sich Ihre Daten nicht wiederherstellen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Database: %1</source>
        <translation>Datenbank: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Creating the database</source>
        <translation>Datenbank wird angelegt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Create Database</source>
        <translation>Datenbank &amp;anlegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>no secret store</source>
        <translation>kein Geheimnisspeicher</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>it did not answer</source>
        <translation>er hat nicht geantwortet</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No keychain is available on this system, so the key cannot be kept there. Please use a passphrase; Cairn never writes the key to a plaintext file.</source>
        <translation>Auf diesem System ist kein Schlüsselbund verfügbar, daher kann der Schlüssel dort nicht abgelegt werden. Bitte verwenden Sie eine Passphrase; Cairn schreibt den Schlüssel niemals in eine Klartextdatei.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details: %1</source>
        <translation>Details: %1</translation>
    </message>
</context>
<context>
    <name>cairn::FoldersPane</name>
    <message>
        <location filename="../src/gui/panes/FoldersPane.cpp" line="+12"/>
        <source>No folders yet</source>
        <translation>Noch keine Ordner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folders for organising conversations and documents arrive in a coming version of Cairn. No folder has been created yet.</source>
        <translation>Ordner zum Ordnen von Unterhaltungen und Dokumenten kommen in einer der nächsten Versionen von Cairn. Bisher wurde kein Ordner angelegt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+2"/>
        <source>Folders</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where you will group conversations and documents.</source>
        <translation>Hier werden Sie Unterhaltungen und Dokumente gruppieren.</translation>
    </message>
</context>
<context>
    <name>cairn::GuiApp</name>
    <message>
        <location filename="../src/gui/GuiApp.cpp" line="+36"/>
        <source>Keep the database, settings and logs in &lt;dir&gt; (default: $%1 or the platform&apos;s application data folder).</source>
        <translation>Datenbank, Einstellungen und Protokolle in &lt;Verz&gt; ablegen (Standard: $%1 oder der Anwendungsdatenordner der Plattform).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>dir</source>
        <translation>Verz</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Log level: trace, debug, info, warn, error, critical or off (default: $%1, the saved setting, or info).</source>
        <translation>Protokollstufe: trace, debug, info, warn, error, critical oder off (Standard: $%1, die gespeicherte Einstellung oder info).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show the versions of Cairn and its libraries.</source>
        <translation>Die Versionen von Cairn und seinen Bibliotheken anzeigen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Cairn: a private, native desktop client for chatting with language models and managing knowledge offline.</source>
        <translation>Cairn: ein privater, nativer Desktop-Client, um mit Sprachmodellen zu chatten und Wissen offline zu verwalten.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Cairn</source>
        <translation>Cairn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cairn cannot create its data directory %1.</source>
        <translation>Cairn kann sein Datenverzeichnis %1 nicht anlegen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Unknown log level: %1</source>
        <translation>Unbekannte Protokollstufe: %1</translation>
    </message>
</context>
<context>
    <name>cairn::KnowledgePane</name>
    <message>
        <location filename="../src/gui/panes/KnowledgePane.cpp" line="+12"/>
        <source>No knowledge sources yet</source>
        <translation>Noch keine Wissensquellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adding your own documents for Cairn to search offline arrives in a coming version. Nothing has been imported yet.</source>
        <translation>Eigene Dokumente hinzuzufügen, die Cairn offline durchsucht, kommt in einer der nächsten Versionen. Bisher wurde nichts importiert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Knowledge</source>
        <translation>Wissen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where you will keep documents that conversations can draw on, stored encrypted on this computer.</source>
        <translation>Hier werden Sie Dokumente ablegen, auf die Unterhaltungen zurückgreifen können – verschlüsselt auf diesem Computer gespeichert.</translation>
    </message>
</context>
<context>
    <name>cairn::MainWindow</name>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="+43"/>
        <source>Cairn</source>
        <translation>Cairn</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sections</source>
        <translation>Bereiche</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folders</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Knowledge</source>
        <translation>Wissen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prompts</source>
        <translation>Prompts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Admin</source>
        <translation>Verwaltung</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Cairn</source>
        <translation>&amp;Über Cairn</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>checking…</source>
        <translation>wird geprüft …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>key in the system keychain</source>
        <translation>Schlüssel im Schlüsselbund des Systems</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encrypted database: %1 — %2</source>
        <translation>Verschlüsselte Datenbank: %1 – %2</translation>
    </message>
</context>
<context>
    <name>cairn::Migrator</name>
    <message>
        <location filename="../src/storage/Migrator.cpp" line="+64"/>
        <source>Cannot read the schema version</source>
        <translation>Die Schemaversion kann nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>This database was written by a newer version of Cairn (schema version %1; this version knows up to %2). Update Cairn to open it; the database was left untouched.</source>
        <translation>Diese Datenbank wurde von einer neueren Version von Cairn geschrieben (Schemaversion %1; diese Version kennt bis %2). Aktualisieren Sie Cairn, um sie zu öffnen; die Datenbank wurde nicht verändert.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Migrations need the QSQLCIPHER driver.</source>
        <translation>Migrationen brauchen den QSQLCIPHER-Treiber.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot start migration %1</source>
        <translation>Migration %1 kann nicht gestartet werden</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Migration %1 (%2) failed and was rolled back</source>
        <translation>Migration %1 (%2) ist fehlgeschlagen und wurde zurückgenommen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot commit migration %1</source>
        <translation>Migration %1 kann nicht abgeschlossen werden</translation>
    </message>
</context>
<context>
    <name>cairn::NewPassphraseFields</name>
    <message>
        <location filename="../src/gui/NewPassphraseFields.cpp" line="+21"/>
        <source>New passphrase</source>
        <translation>Neue Passphrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm passphrase</source>
        <translation>Passphrase bestätigen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;onfirm:</source>
        <translation>&amp;Bestätigen:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enter a passphrase.</source>
        <translation>Geben Sie eine Passphrase ein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use at least %1 characters.</source>
        <translation>Verwenden Sie mindestens %1 Zeichen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The passphrases do not match.</source>
        <translation>Die Passphrasen stimmen nicht überein.</translation>
    </message>
</context>
<context>
    <name>cairn::PassphraseDialog</name>
    <message>
        <location filename="../src/gui/PassphraseDialog.cpp" line="+21"/>
        <source>Unlocking…</source>
        <translation>Wird entsperrt …</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unlock Cairn</source>
        <translation>Cairn entsperren</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The passphrase that protects your Cairn database</source>
        <translation>Die Passphrase, die Ihre Cairn-Datenbank schützt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Database file</source>
        <translation>Datenbankdatei</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unlocking</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Unlock</source>
        <translation>&amp;Entsperren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit Cairn</source>
        <translation>Cairn beenden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unlock your database</source>
        <translation>Datenbank entsperren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your Cairn database is protected by a passphrase. Enter it to continue.</source>
        <translation>Ihre Cairn-Datenbank ist durch eine Passphrase geschützt. Geben Sie sie ein, um fortzufahren.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Enter the passphrase.</source>
        <translation>Geben Sie die Passphrase ein.</translation>
    </message>
</context>
<context>
    <name>cairn::PromptsPane</name>
    <message>
        <location filename="../src/gui/panes/PromptsPane.cpp" line="+12"/>
        <source>No prompts yet</source>
        <translation>Noch keine Prompts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A library of reusable prompts arrives in a coming version of Cairn. No prompt has been saved yet.</source>
        <translation>Eine Sammlung wiederverwendbarer Prompts kommt in einer der nächsten Versionen von Cairn. Bisher wurde kein Prompt gespeichert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+2"/>
        <source>Prompts</source>
        <translation>Prompts</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where you will keep prompts you use again and again.</source>
        <translation>Hier werden Sie Prompts aufbewahren, die Sie immer wieder verwenden.</translation>
    </message>
</context>
<context>
    <name>cairn::SecretInput</name>
    <message>
        <location filename="../src/common/SecretInput.cpp" line="+22"/>
        <source>The passphrase in %1 is empty.</source>
        <translation>Die Passphrase in %1 ist leer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The passphrase in %1 is not valid UTF-8 text.</source>
        <translation>Die Passphrase in %1 ist kein gültiger UTF-8-Text.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot read the passphrase file %1: %2</source>
        <translation>Die Passphrase-Datei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>file descriptor %1</source>
        <translation>Dateideskriptor %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot read the passphrase from %1.</source>
        <translation>Die Passphrase kann nicht aus %1 gelesen werden.</translation>
    </message>
</context>
<context>
    <name>cairn::SecretStore</name>
    <message>
        <location filename="../src/secrets/MemorySecretStore.cpp" line="+11"/>
        <source>No keychain is available.</source>
        <translation>Kein Schlüsselbund verfügbar.</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../src/secrets/KeychainSecretStore.cpp" line="+38"/>
        <source>No keychain entry named %1.</source>
        <translation>Kein Schlüsselbundeintrag namens %1.</translation>
    </message>
    <message>
        <location filename="../src/secrets/KeychainSecretStore.cpp" line="+4"/>
        <source>The keychain refused access to %1: %2</source>
        <translation>Der Schlüsselbund hat den Zugriff auf %1 verweigert: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+10"/>
        <source>No keychain is available on this system (%1).</source>
        <translation>Auf diesem System ist kein Schlüsselbund verfügbar (%1).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keychain error: %1</source>
        <translation>Schlüsselbundfehler: %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The keychain did not answer within %1 seconds.</source>
        <translation>Der Schlüsselbund hat nicht innerhalb von %1 Sekunden geantwortet.</translation>
    </message>
</context>
<context>
    <name>cairn::SqlCipherDriver</name>
    <message>
        <location filename="../src/storage/sqlcipher/SqlCipherDriver.cpp" line="+244"/>
        <source>Unsupported SQLCipher</source>
        <translation>Nicht unterstütztes SQLCipher</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown connect option</source>
        <translation>Unbekannte Verbindungsoption</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+6"/>
        <location line="+13"/>
        <location line="+10"/>
        <location line="+24"/>
        <location line="+2"/>
        <source>Cannot open the database</source>
        <translation>Die Datenbank kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>No file name was given.</source>
        <translation>Es wurde kein Dateiname angegeben.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The file %1 does not exist.</source>
        <translation>Die Datei %1 existiert nicht.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot create the database</source>
        <translation>Die Datenbank kann nicht angelegt werden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot create %1: %2</source>
        <translation>%1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>A raw key must be 64 hexadecimal digits.</source>
        <translation>Ein Rohschlüssel muss aus 64 Hexadezimalziffern bestehen.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot set the database key</source>
        <translation>Der Datenbankschlüssel kann nicht gesetzt werden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot apply the cipher settings</source>
        <translation>Die Verschlüsselungseinstellungen können nicht angewendet werden</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cannot set the journal mode</source>
        <translation>Der Journalmodus kann nicht gesetzt werden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot set synchronous mode</source>
        <translation>Der Synchronisationsmodus kann nicht gesetzt werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot enable foreign keys</source>
        <translation>Fremdschlüssel können nicht aktiviert werden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot set the cache size</source>
        <translation>Die Cachegröße kann nicht gesetzt werden</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Cannot close the database</source>
        <translation>Die Datenbank kann nicht geschlossen werden</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Cannot begin the transaction</source>
        <translation>Die Transaktion kann nicht begonnen werden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot commit the transaction</source>
        <translation>Die Transaktion kann nicht abgeschlossen werden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot roll back the transaction</source>
        <translation>Die Transaktion kann nicht zurückgenommen werden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot run the SQL script</source>
        <translation>Das SQL-Skript kann nicht ausgeführt werden</translation>
    </message>
    <message>
        <location filename="../src/storage/sqlcipher/SqlCipherDriver.h" line="+43"/>
        <source>wrong passphrase, or not a Cairn database</source>
        <translation>falsche Passphrase oder keine Cairn-Datenbank</translation>
    </message>
</context>
<context>
    <name>cairn::SqlCipherResult</name>
    <message>
        <location filename="../src/storage/sqlcipher/SqlCipherResult.cpp" line="+104"/>
        <location line="+10"/>
        <location line="+16"/>
        <location line="+11"/>
        <source>Cannot prepare the statement</source>
        <translation>Die Anweisung kann nicht vorbereitet werden</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>The database is not open.</source>
        <translation>Die Datenbank ist nicht geöffnet.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Only one statement can be executed at a time.</source>
        <translation>Es kann nur eine Anweisung auf einmal ausgeführt werden.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The statement is empty.</source>
        <translation>Die Anweisung ist leer.</translation>
    </message>
    <message>
        <location line="+64"/>
        <location line="+53"/>
        <location line="+16"/>
        <source>Cannot bind the value</source>
        <translation>Der Wert kann nicht gebunden werden</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>Parameter %1 does not fit in a signed 64-bit integer.</source>
        <translation>Parameter %1 passt nicht in eine vorzeichenbehaftete 64-Bit-Ganzzahl.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Parameter %1 has a type the database cannot store (%2).</source>
        <translation>Parameter %1 hat einen Typ, den die Datenbank nicht speichern kann (%2).</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+25"/>
        <source>Cannot execute the statement</source>
        <translation>Die Anweisung kann nicht ausgeführt werden</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>No statement was prepared.</source>
        <translation>Es wurde keine Anweisung vorbereitet.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Cannot fetch the row</source>
        <translation>Die Zeile kann nicht abgerufen werden</translation>
    </message>
</context>
<context>
    <name>cairn::StoreConfig</name>
    <message>
        <location filename="../src/storage/StoreConfig.cpp" line="+34"/>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is damaged: %2</source>
        <translation>%1 ist beschädigt: %2</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+5"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>cairn::UnlockFlow</name>
    <message>
        <location filename="../src/gui/UnlockFlow.cpp" line="+112"/>
        <source>The database could not be created: %1</source>
        <translation>Die Datenbank konnte nicht angelegt werden: %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+45"/>
        <source>Database from a newer Cairn</source>
        <translation>Datenbank aus einer neueren Cairn-Version</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Unlocking the database with the key from the system keychain…</source>
        <translation>Datenbank wird mit dem Schlüssel aus dem Schlüsselbund des Systems entsperrt …</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+37"/>
        <location line="+25"/>
        <source>Cairn</source>
        <translation>Cairn</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Cannot open the database</source>
        <translation>Die Datenbank kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cairn cannot tell how this database is protected.</source>
        <translation>Cairn kann nicht feststellen, wie diese Datenbank geschützt ist.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cairn could not get the database key from the system keychain.</source>
        <translation>Cairn konnte den Datenbankschlüssel nicht aus dem Schlüsselbund des Systems lesen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file store.json in the data directory is missing. Restore it from a backup of the data directory.</source>
        <translation>Die Datei store.json im Datenverzeichnis fehlt. Stellen Sie sie aus einer Sicherung des Datenverzeichnisses wieder her.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make sure your keyring is unlocked and its service is running, then try again.</source>
        <translation>Stellen Sie sicher, dass Ihr Schlüsselbund entsperrt ist und sein Dienst läuft, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Try Again</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
</context>
<context>
    <name>cairn::Vault</name>
    <message>
        <location filename="../src/storage/Vault.cpp" line="+44"/>
        <source>No keychain is available (%1). Use passphrase mode instead; Cairn never stores the key in a plaintext file.</source>
        <translation>Kein Schlüsselbund verfügbar (%1). Verwenden Sie stattdessen den Passphrase-Modus; Cairn speichert den Schlüssel niemals in einer Klartextdatei.</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+63"/>
        <location line="+183"/>
        <source>no secret store</source>
        <translation>kein Geheimnisspeicher</translation>
    </message>
    <message>
        <location line="-243"/>
        <source>store.json names no keychain entry for the database key.</source>
        <translation>store.json nennt keinen Schlüsselbundeintrag für den Datenbankschlüssel.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The database key is missing from the keychain (%1). If you moved the data directory from another account or machine, its key stayed there.</source>
        <translation>Der Datenbankschlüssel fehlt im Schlüsselbund (%1). Falls Sie das Datenverzeichnis von einem anderen Konto oder Rechner hierher verschoben haben, ist sein Schlüssel dort geblieben.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The keychain entry %1 does not hold a database key.</source>
        <translation>Der Schlüsselbundeintrag %1 enthält keinen Datenbankschlüssel.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>A database already exists at %1.</source>
        <translation>Unter %1 existiert bereits eine Datenbank.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot create the data directory %1.</source>
        <translation>Das Datenverzeichnis %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The passphrase is empty or not valid UTF-8 text.</source>
        <translation>Die Passphrase ist leer oder kein gültiger UTF-8-Text.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+173"/>
        <source>A passphrase needs at least %1 characters.</source>
        <translation>Eine Passphrase braucht mindestens %1 Zeichen.</translation>
    </message>
    <message>
        <location line="-102"/>
        <source>Another Cairn process is changing the database key; try again when it has finished.</source>
        <translation>Ein anderer Cairn-Prozess ändert gerade den Datenbankschlüssel; versuchen Sie es erneut, wenn er fertig ist.</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Another Cairn process is changing the database key.</source>
        <translation>Ein anderer Cairn-Prozess ändert gerade den Datenbankschlüssel.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The new key is in force, but %1 could not be updated (%2). Keep the new key; Cairn finishes the change the next time it unlocks.</source>
        <translation>Der neue Schlüssel gilt, aber %1 konnte nicht aktualisiert werden (%2). Behalten Sie den neuen Schlüssel; Cairn schließt die Änderung beim nächsten Entsperren ab.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The new passphrase is empty or not valid UTF-8 text.</source>
        <translation>Die neue Passphrase ist leer oder kein gültiger UTF-8-Text.</translation>
    </message>
    <message>
        <location line="-132"/>
        <source>No database at %1.</source>
        <translation>Keine Datenbank unter %1.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>This database is protected by a passphrase; enter it to unlock.</source>
        <translation>Diese Datenbank ist durch eine Passphrase geschützt; geben Sie sie zum Entsperren ein.</translation>
    </message>
</context>
</TS>
