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
        <location filename="../src/gui/panes/AdminPane.cpp" line="+36"/>
        <source>Random key in the system keychain</source>
        <translation>Zufälliger Schlüssel im Schlüsselbund des Systems</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+121"/>
        <source>Admin</source>
        <translation>Verwaltung</translation>
    </message>
    <message>
        <location line="-119"/>
        <location line="+113"/>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <location line="-108"/>
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
        <location line="+314"/>
        <source>Change &amp;Passphrase…</source>
        <translation>&amp;Passphrase ändern …</translation>
    </message>
    <message>
        <location line="-313"/>
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
        <location line="+21"/>
        <source>Admin sections</source>
        <translation>Verwaltungsbereiche</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your encrypted database, how its key is protected, where Cairn keeps its files, and the model servers it talks to.</source>
        <translation>Ihre verschlüsselte Datenbank, wie ihr Schlüssel geschützt ist, wo Cairn seine Dateien ablegt und mit welchen Modellservern es spricht.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <location line="+28"/>
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
        <location line="+42"/>
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
    <name>cairn::Attachments</name>
    <message>
        <location filename="../src/chat/Attachments.cpp" line="+39"/>
        <source>“%1” is %2; images can be up to %3.</source>
        <translation>„%1“ ist %2 groß; Bilder dürfen bis zu %3 groß sein.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“%1” is an image models do not read (%2). Attach PNG, JPEG, GIF or WebP.</source>
        <translation>„%1“ ist ein Bild, das Modelle nicht lesen (%2). Hängen Sie PNG, JPEG, GIF oder WebP an.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“%1” is %2; text files can be up to %3. Add large documents to a knowledge base instead.</source>
        <translation>„%1“ ist %2 groß; Textdateien dürfen bis zu %3 groß sein. Große Dokumente gehören in eine Wissensdatenbank.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“%1” is neither a text file nor an image (%2). Cairn attaches text files and images.</source>
        <translation>„%1“ ist weder eine Textdatei noch ein Bild (%2). Cairn hängt Textdateien und Bilder an.</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+9"/>
        <source>Could not read “%1”: %2</source>
        <translation>„%1“ konnte nicht gelesen werden: %2</translation>
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
    <name>cairn::ChatBackend</name>
    <message>
        <location filename="../src/chat/ChatBackend.cpp" line="+694"/>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Imported %1 chats with %2 messages from %3 (%4 were already here).</source>
        <translation>%1 Chats mit %2 Nachrichten aus %3 importiert (%4 waren schon vorhanden).</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+18"/>
        <location line="+68"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message numerus="yes">
        <location line="-62"/>
        <source>Exported %n chat(s) to %1.</source>
        <translation>
            <numerusform>%n Chat nach %1 exportiert.</numerusform>
            <numerusform>%n Chats nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
</context>
<context>
    <name>cairn::ChatEngine</name>
    <message>
        <location filename="../src/chat/ChatEngine.cpp" line="+94"/>
        <source>A message can carry up to %1 files.</source>
        <translation>Eine Nachricht kann bis zu %1 Dateien mitnehmen.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Wait for the answer, or stop it, before sending again.</source>
        <translation>Warten Sie auf die Antwort oder halten Sie sie an, bevor Sie erneut senden.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>There is no answer to regenerate.</source>
        <translation>Es gibt keine Antwort, die neu erzeugt werden könnte.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Only your own messages can be edited.</source>
        <translation>Nur Ihre eigenen Nachrichten können bearbeitet werden.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Choose a model for this chat (or a default chat model in Admin → Connections).</source>
        <translation>Wählen Sie ein Modell für diesen Chat (oder ein Standard-Chatmodell unter Verwaltung → Verbindungen).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The chat&apos;s connection no longer exists.</source>
        <translation>Die Verbindung dieses Chats existiert nicht mehr.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>%1 does not read images (its server lists what it can do, and vision is not among it). Pick a model that does, or edit the message without the image.</source>
        <translation>%1 liest keine Bilder (sein Server nennt seine Fähigkeiten, und Bilderkennung gehört nicht dazu). Wählen Sie ein Modell, das es kann, oder bearbeiten Sie die Nachricht ohne das Bild.</translation>
    </message>
</context>
<context>
    <name>cairn::ChatListModel</name>
    <message>
        <location filename="../src/gui/chat/ChatListModel.cpp" line="+45"/>
        <source>Pinned</source>
        <translation>Angeheftet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+8"/>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
</context>
<context>
    <name>cairn::ChatPane</name>
    <message>
        <location filename="../src/gui/panes/ChatPane.cpp" line="+108"/>
        <location line="+151"/>
        <source>No conversations yet</source>
        <translation>Noch keine Unterhaltungen</translation>
    </message>
    <message>
        <location line="-150"/>
        <source>Open a database to start chatting.</source>
        <translation>Öffnen Sie eine Datenbank, um zu chatten.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Talk with language models, locally or through a provider you choose.</source>
        <translation>Unterhalten Sie sich mit Sprachmodellen – lokal oder über einen Anbieter Ihrer Wahl.</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+37"/>
        <location line="+2"/>
        <location line="+62"/>
        <location line="+355"/>
        <location line="+29"/>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <location line="-445"/>
        <source>New chat (Ctrl+N)</source>
        <translation>Neuer Chat (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Archived chats</source>
        <translation>Archivierte Chats</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show archived chats</source>
        <translation>Archivierte Chats anzeigen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import / Export</source>
        <translation>Import / Export</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import and export chats</source>
        <translation>Chats importieren und exportieren</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Settings…</source>
        <translation>Einstellungen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chat settings: system prompt and parameters</source>
        <translation>Chat-Einstellungen: Systemanweisung und Parameter</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Type a message below to start one. Cairn sends it to the model you pick above; add model servers in Admin → Connections.</source>
        <translation>Geben Sie unten eine Nachricht ein, um eine zu beginnen. Cairn sendet sie an das oben gewählte Modell; Modellserver fügen Sie unter Verwaltung → Verbindungen hinzu.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Edit message</source>
        <translation>Nachricht bearbeiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The edited message becomes a new branch; the original stays one ‹ › away.</source>
        <translation>Die bearbeitete Nachricht wird zu einem neuen Zweig; das Original bleibt über ‹ › erreichbar.</translation>
    </message>
    <message>
        <location line="+477"/>
        <source>Delete message</source>
        <translation>Nachricht löschen</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete this message and all replies below it (%n in the branch in view)?</source>
        <translation>
            <numerusform>Diese Nachricht und alle Antworten darunter löschen (%n im angezeigten Zweig)?</numerusform>
            <numerusform>Diese Nachricht und alle Antworten darunter löschen (%n im angezeigten Zweig)?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete this message?</source>
        <translation>Diese Nachricht löschen?</translation>
    </message>
    <message>
        <location line="-420"/>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>[%1] %2, chunk %3</source>
        <translation>[%1] %2, Abschnitt %3</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save attachment</source>
        <translation>Anhang speichern</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Attached files</source>
        <translation>Angehängte Dateien</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Attach…</source>
        <translation>Anhängen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+403"/>
        <source>Attach files</source>
        <translation>Dateien anhängen</translation>
    </message>
    <message>
        <location line="-402"/>
        <source>Attach text files or images (or drop them on the message, or paste)</source>
        <translation>Textdateien oder Bilder anhängen (oder auf die Nachricht ziehen oder einfügen)</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+170"/>
        <source>Message the model (Enter sends, Shift+Enter breaks the line)</source>
        <translation>Nachricht an das Modell (Enter sendet, Shift+Enter für neue Zeile)</translation>
    </message>
    <message>
        <location line="-155"/>
        <location line="+2"/>
        <location line="+164"/>
        <location line="+1"/>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location line="-134"/>
        <source>Import chats…</source>
        <translation>Chats importieren …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import chats</source>
        <translation>Chats importieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chat exports (*.json);;All files (*)</source>
        <translation>Chat-Exporte (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export chats</source>
        <translation>Chats exportieren</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export this chat as Markdown…</source>
        <translation>Diesen Chat als Markdown exportieren …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export this chat as PDF…</source>
        <translation>Diesen Chat als PDF exportieren …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export this chat as JSON…</source>
        <translation>Diesen Chat als JSON exportieren …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export all chats as JSON (lossless)…</source>
        <translation>Alle Chats als JSON exportieren (verlustfrei) …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export all chats as Markdown…</source>
        <translation>Alle Chats als Markdown exportieren …</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Importing chats…</source>
        <translation>Chats werden importiert …</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+12"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Exporting chats…</source>
        <translation>Chats werden exportiert …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Exported the chat to %1.</source>
        <translation>Der Chat wurde nach %1 exportiert.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+10"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Message the model (Shift+Enter sends, Enter breaks the line)</source>
        <translation>Nachricht an das Modell (Shift+Enter sendet, Enter für neue Zeile)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the answer</source>
        <translation>Antwort anhalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop (Esc)</source>
        <translation>Anhalten (Esc)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send (Enter)</source>
        <translation>Senden (Enter)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No models: add a connection in Admin</source>
        <translation>Keine Modelle: Verbindung unter „Verwaltung“ hinzufügen</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>Cannot attach “%1”: it is not a readable file.</source>
        <translation>„%1“ kann nicht angehängt werden: keine lesbare Datei.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A message can carry up to %1 files.</source>
        <translation>Eine Nachricht kann bis zu %1 Dateien mitnehmen.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>pasted-%1.png</source>
        <translation>eingefuegt-%1.png</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove %1 from the message</source>
        <translation>%1 aus der Nachricht entfernen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Text files and images (*.txt *.md *.csv *.json *.xml *.yaml *.yml *.log *.py *.js *.ts *.c *.cpp *.h *.rs *.go *.java *.sh *.sql *.html *.css *.png *.jpg *.jpeg *.gif *.webp);;All files (*)</source>
        <translation>Textdateien und Bilder (*.txt *.md *.csv *.json *.xml *.yaml *.yml *.log *.py *.js *.ts *.c *.cpp *.h *.rs *.go *.java *.sh *.sql *.html *.css *.png *.jpg *.jpeg *.gif *.webp);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>What was good?</source>
        <translation>Was war gut?</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What went wrong?</source>
        <translation>Was ist schiefgegangen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An optional comment on this answer, kept with the rating:</source>
        <translation>Ein optionaler Kommentar zu dieser Antwort, gespeichert mit der Bewertung:</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unpin</source>
        <translation>Lösen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pin</source>
        <translation>Anheften</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore from archive</source>
        <translation>Aus dem Archiv holen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Archive</source>
        <translation>Archivieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tags…</source>
        <translation>Schlagwörter …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tags, separated by commas:</source>
        <translation>Schlagwörter, durch Kommas getrennt:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Move to folder</source>
        <translation>In Ordner verschieben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top level</source>
        <translation>Oberste Ebene</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+26"/>
        <source>Delete…</source>
        <translation>Löschen …</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>New folder…</source>
        <translation>Neuer Ordner …</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New subfolder…</source>
        <translation>Neuer Unterordner …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New folder</source>
        <translation>Neuer Ordner</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+8"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Rename…</source>
        <translation>Umbenennen …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rename folder</source>
        <translation>Ordner umbenennen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Move to the top level</source>
        <translation>Auf die oberste Ebene verschieben</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Delete folder</source>
        <translation>Ordner löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the folder “%1” and its subfolders? Their chats can move to the top level or be deleted with them.</source>
        <translation>Den Ordner „%1“ und seine Unterordner löschen? Ihre Chats können auf die oberste Ebene wandern oder mit gelöscht werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep the chats</source>
        <translation>Chats behalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the chats too</source>
        <translation>Chats mitlöschen</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Delete chat</source>
        <translation>Chat löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete “%1” and all its messages? This cannot be undone.</source>
        <translation>„%1“ mit allen Nachrichten löschen? Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <location line="-881"/>
        <location line="+2"/>
        <location line="+8"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
</context>
<context>
    <name>cairn::ChatRepository</name>
    <message>
        <location filename="../src/storage/ChatRepository.cpp" line="+243"/>
        <source>Could not create the chat</source>
        <translation>Der Chat konnte nicht angelegt werden</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+152"/>
        <source>Could not read the chat</source>
        <translation>Der Chat konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location line="-150"/>
        <location line="+109"/>
        <location line="+21"/>
        <location line="+620"/>
        <source>There is no chat with the id “%1”.</source>
        <translation>Es gibt keinen Chat mit der ID „%1“.</translation>
    </message>
    <message>
        <location line="-702"/>
        <location line="+19"/>
        <source>Could not list the chats</source>
        <translation>Die Chats konnten nicht aufgelistet werden</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Could not count the chats</source>
        <translation>Die Chats konnten nicht gezählt werden</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+358"/>
        <source>Could not save the chat</source>
        <translation>Der Chat konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <location line="-341"/>
        <location line="+4"/>
        <source>Could not delete the chat</source>
        <translation>Der Chat konnte nicht gelöscht werden</translation>
    </message>
    <message>
        <location line="+44"/>
        <location line="+13"/>
        <location line="+19"/>
        <source>Could not save the message</source>
        <translation>Die Nachricht konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>The message answers one that is not in this chat.</source>
        <translation>Die Nachricht antwortet auf eine, die nicht zu diesem Chat gehört.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>There is no such message to update.</source>
        <translation>Die zu aktualisierende Nachricht gibt es nicht.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Could not read the message</source>
        <translation>Die Nachricht konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+266"/>
        <source>There is no message with the id “%1”.</source>
        <translation>Es gibt keine Nachricht mit der ID „%1“.</translation>
    </message>
    <message>
        <location line="-249"/>
        <location line="+18"/>
        <location line="+27"/>
        <source>Could not read the messages</source>
        <translation>Die Nachrichten konnten nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+60"/>
        <location line="+23"/>
        <source>Could not read the attachments</source>
        <translation>Die Anhänge konnten nicht gelesen werden</translation>
    </message>
    <message>
        <location line="-54"/>
        <location line="+9"/>
        <source>Could not save the attachment</source>
        <translation>Der Anhang konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>The attached file is gone.</source>
        <translation>Die angehängte Datei ist nicht mehr vorhanden.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Could not count the messages</source>
        <translation>Die Nachrichten konnten nicht gezählt werden</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+5"/>
        <location line="+10"/>
        <source>Could not delete the message</source>
        <translation>Die Nachricht konnte nicht gelöscht werden</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>That message is not part of this chat.</source>
        <translation>Diese Nachricht gehört nicht zu diesem Chat.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Could not save the rating</source>
        <translation>Die Bewertung konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not update the messages</source>
        <translation>Die Nachrichten konnten nicht aktualisiert werden</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+10"/>
        <location line="+10"/>
        <location line="+12"/>
        <source>Could not save the tags</source>
        <translation>Die Tags konnten nicht gespeichert werden</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+12"/>
        <source>Could not read the tags</source>
        <translation>Die Tags konnten nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>A folder named “%1” already exists there.</source>
        <translation>Dort existiert bereits ein Ordner namens „%1“.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A folder needs a name.</source>
        <translation>Ein Ordner braucht einen Namen.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Could not create the folder</source>
        <translation>Der Ordner konnte nicht angelegt werden</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Could not read the folders</source>
        <translation>Die Ordner konnten nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Could not rename the folder</source>
        <translation>Der Ordner konnte nicht umbenannt werden</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+35"/>
        <location line="+41"/>
        <source>That folder no longer exists.</source>
        <translation>Dieser Ordner existiert nicht mehr.</translation>
    </message>
    <message>
        <location line="-61"/>
        <location line="+16"/>
        <source>Could not move the folder</source>
        <translation>Der Ordner konnte nicht verschoben werden</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>A folder cannot be moved into itself or into one of its own subfolders.</source>
        <translation>Ein Ordner kann nicht in sich selbst oder in einen seiner Unterordner verschoben werden.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A folder with the same name already exists there.</source>
        <translation>Dort existiert bereits ein Ordner mit demselben Namen.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Could not save the folder</source>
        <translation>Der Ordner konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+8"/>
        <location line="+4"/>
        <source>Could not delete the folder</source>
        <translation>Der Ordner konnte nicht gelöscht werden</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Could not move the chat</source>
        <translation>Der Chat konnte nicht verschoben werden</translation>
    </message>
    <message>
        <location line="+70"/>
        <location line="+44"/>
        <location line="+31"/>
        <location line="+27"/>
        <location line="+30"/>
        <source>The search failed</source>
        <translation>Die Suche ist fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>cairn::ChatSettingsDialog</name>
    <message>
        <location filename="../src/gui/chat/ChatSettingsDialog.cpp" line="+37"/>
        <location line="+2"/>
        <location line="+2"/>
        <location line="+2"/>
        <source>Set</source>
        <translation>Festlegen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chat settings</source>
        <translation>Chat-Einstellungen</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+33"/>
        <source>System prompt</source>
        <translation>Systemanweisung</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Instructions the model gets before the conversation (optional)</source>
        <translation>Anweisungen, die das Modell vor dem Gespräch erhält (optional)</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+29"/>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Set the temperature</source>
        <translation>Temperatur festlegen</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+24"/>
        <source>Top p</source>
        <translation>Top p</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Set top p</source>
        <translation>Top p festlegen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Maximum answer length in tokens</source>
        <translation>Höchste Antwortlänge in Tokens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Limit the answer length</source>
        <translation>Antwortlänge begrenzen</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+16"/>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Set a seed</source>
        <translation>Seed festlegen</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+13"/>
        <source>Stop sequences</source>
        <translation>Stoppsequenzen</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Comma-separated, e.g. END, ###</source>
        <translation>Durch Kommas getrennt, z. B. END, ###</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Maximum tokens</source>
        <translation>Höchstens Tokens</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each question is searched in the ticked knowledge bases; the answer cites what it used.</source>
        <translation>Jede Frage wird in den angehakten Wissensdatenbanken gesucht; die Antwort nennt, was sie verwendet hat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Knowledge bases</source>
        <translation>Wissensdatenbanken</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>None yet: create one in the Knowledge pane.</source>
        <translation>Noch keine: Legen Sie eine im Bereich „Wissen“ an.</translation>
    </message>
</context>
<context>
    <name>cairn::ChatTransfer</name>
    <message>
        <location filename="../src/chat/ChatTransfer.cpp" line="+35"/>
        <source>chat %1</source>
        <translation>Chat %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>chat %1 (“%2”)</source>
        <translation>Chat %1 („%2“)</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>In %1, a message has no id.</source>
        <translation>In %1 hat eine Nachricht keine ID.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In %1, the message id “%2” appears twice.</source>
        <translation>In %1 kommt die Nachrichten-ID „%2“ doppelt vor.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>In %1, the messages&apos; parent links form a loop.</source>
        <translation>In %1 bilden die Verweise der Nachrichten auf ihre Vorgänger eine Schleife.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>This file has chat format version %1; this Cairn reads version %2. Update Cairn to import it.</source>
        <translation>Diese Datei hat die Chatformat-Version %1; dieses Cairn liest Version %2. Aktualisieren Sie Cairn, um sie zu importieren.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The file has no “chats” list.</source>
        <translation>Die Datei enthält keine „chats“-Liste.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 has no id.</source>
        <translation>%1 hat keine ID.</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+192"/>
        <location line="+72"/>
        <source>%1 has too many messages.</source>
        <translation>%1 hat zu viele Nachrichten.</translation>
    </message>
    <message>
        <location line="-254"/>
        <location line="+202"/>
        <source>In %1, a message has the unknown role “%2”.</source>
        <translation>In %1 hat eine Nachricht die unbekannte Rolle „%2“.</translation>
    </message>
    <message>
        <location line="-173"/>
        <source>In %1, a message carries files it cannot have (only your own messages carry files, up to %2 each).</source>
        <translation>In %1 trägt eine Nachricht Dateien, die sie nicht haben kann (nur Ihre eigenen Nachrichten tragen Dateien, bis zu %2 je Nachricht).</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>In %1, an attached file is missing or does not match its checksum.</source>
        <translation>In %1 fehlt eine angehängte Datei oder sie passt nicht zu ihrer Prüfsumme.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>In %1: %2</source>
        <translation>In %1: %2</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 has neither a message history nor a message list.</source>
        <translation>%1 hat weder einen Nachrichtenverlauf noch eine Nachrichtenliste.</translation>
    </message>
    <message>
        <location line="+145"/>
        <source>[image]</source>
        <translation>[Bild]</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 has no “mapping” of messages.</source>
        <translation>%1 enthält kein „mapping“ mit Nachrichten.</translation>
    </message>
    <message>
        <location line="+178"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The file is not valid JSON (%1 at byte %2).</source>
        <translation>Die Datei ist kein gültiges JSON (%1 bei Byte %2).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Item %1 of the file is not a chat.</source>
        <translation>Eintrag %1 der Datei ist kein Chat.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cairn does not recognise this file. It reads its own JSON export, Open WebUI chat exports and ChatGPT&apos;s conversations.json.</source>
        <translation>Cairn erkennt diese Datei nicht. Es liest seinen eigenen JSON-Export, Chat-Exporte aus Open WebUI und die conversations.json von ChatGPT.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The import was cancelled; nothing was imported.</source>
        <translation>Der Import wurde abgebrochen; es wurde nichts importiert.</translation>
    </message>
    <message>
        <location line="+136"/>
        <source>The export was cancelled.</source>
        <translation>Der Export wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>Untitled chat</source>
        <translation>Chat ohne Titel</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>tags: %1</source>
        <translation>Tags: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>System prompt:</source>
        <translation>Systemprompt:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assistant</source>
        <translation>Assistent</translation>
    </message>
</context>
<context>
    <name>cairn::CliApp</name>
    <message>
        <location filename="../src/cli/CliApp.cpp" line="+105"/>
        <source>%1 (see cairn-cli --help)</source>
        <translation>%1 (siehe cairn-cli --help)</translation>
    </message>
    <message>
        <location line="+25"/>
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
        <location line="+23"/>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Read the passphrase from file descriptor N (passphrase mode).</source>
        <translation>Die Passphrase aus Dateideskriptor N lesen (Passphrase-Modus).</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <location line="+40"/>
        <location line="+11"/>
        <location line="+4"/>
        <location line="+3"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="-63"/>
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
        <location line="+21"/>
        <source>models, chat, kb create: the connection to use.</source>
        <translation>models, chat, kb create: die zu verwendende Verbindung.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>chat: the model; kb create: the embedding model.</source>
        <translation>chat: das Modell; kb create: das Embedding-Modell.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>kb create: chunk size in tokens (custom chunking).</source>
        <translation>kb create: Abschnittsgröße in Tokens (eigene Aufteilung).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>kb create: tokens shared by neighbouring chunks.</source>
        <translation>kb create: Tokens, die sich benachbarte Abschnitte teilen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>kb create: what the base holds.</source>
        <translation>kb create: was die Wissensdatenbank enthält.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>kb search: keyword, vector or hybrid.</source>
        <translation>kb search: keyword, vector oder hybrid.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MODE</source>
        <translation>MODE</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>kb search: how many chunks (the base&apos;s setting).</source>
        <translation>kb search: wie viele Abschnitte (Standard: Einstellung der Wissensdatenbank).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>K</source>
        <translation>K</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also write the log to stderr.</source>
        <translation>Das Protokoll zusätzlich auf stderr ausgeben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>db … | connection … | models | chat [PROMPT] | import | export | chats | search | kb …</source>
        <translation>db … | connection … | models | chat [PROMPT] | import | export | chats | search | kb …</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>connection add: the name.</source>
        <translation>connection add: der Name.</translation>
    </message>
    <message>
        <location line="-140"/>
        <source>Commands:
  db create                 create the database (keychain mode; passphrase mode with
                            --passphrase-file or --passphrase-fd)
  db check                  integrity, cipher (HMAC) and foreign-key checks
  db info                   schema version, SQLCipher version, size, key mode
  db rekey                  change the key in place: --new-passphrase-file FILE,
                            --new-passphrase-fd N, or --to-keychain
  db import-plain SOURCE    create the encrypted database from an unencrypted SQLite file
  connection add --name N --kind openai|ollama|anthropic --base-url URL [--key-file FILE]
                 [--header &quot;Name: value&quot;]... [--azure-api-version V]
                            add a model server connection (the key goes to the keychain)
  connection list           one connection a line: name, kind, URL, state, key, id
  connection remove NAME    remove a connection and its key
  models --connection NAME  list (and remember) the models the server offers
  chat --connection NAME [--model M] [--system S] [--temperature T] [--max-tokens N] [PROMPT]
                            stream the answer to stdout (the prompt from stdin when none is
                            given; thinking goes to stderr; --stats prints usage and timing)
  import FILE               import chats: Cairn JSON, Open WebUI export or ChatGPT&apos;s
                            conversations.json (detected); all or nothing, no duplicates
  export --format json|md [--chat ID] OUT
                            export one chat or all (OUT &quot;-&quot;: standard output)
  chats list [--archived]   one chat a line: id, title, last update
  search QUERY [--limit N]  ranked hits: chat title and id, message id, snippet
  kb create NAME [--chunk-size N] [--overlap N] [--description D]
            [--connection C --model M]
                            create a knowledge base (with an embedding model: vector search)
  kb list                   one base a line: name, documents, chunks, size, embedding model, id
  kb add NAME PATH...       add files or folders and index them (progress on stderr)
  kb docs NAME              one document a line: status, chunks, name, error
  kb search NAME QUERY [--mode keyword|vector|hybrid] [--top-k K]
                            ranked chunks: rank, score, document, position, retriever, text
  kb delete NAME            delete a knowledge base and its documents

Exit codes: 0 success, 1 failure, 2 usage error, 3 wrong passphrase or not a Cairn database,
4 database from a newer Cairn, 5 no keychain available.</source>
        <translation>Befehle:
  db create                 die Datenbank anlegen (Schlüsselbund-Modus; Passphrase-Modus mit
                            --passphrase-file oder --passphrase-fd)
  db check                  Prüfung von Integrität, Verschlüsselung (HMAC) und Fremdschlüsseln
  db info                   Schemaversion, SQLCipher-Version, Größe, Schlüsselmodus
  db rekey                  den Schlüssel an Ort und Stelle ändern: --new-passphrase-file FILE,
                            --new-passphrase-fd N oder --to-keychain
  db import-plain SOURCE    die verschlüsselte Datenbank aus einer unverschlüsselten
                            SQLite-Datei anlegen
  connection add --name N --kind openai|ollama|anthropic --base-url URL [--key-file FILE]
                 [--header &quot;Name: value&quot;]... [--azure-api-version V]
                            eine Verbindung zu einem Modellserver hinzufügen (der Schlüssel
                            kommt in den Schlüsselbund)
  connection list           eine Verbindung pro Zeile: Name, Typ, URL, Zustand, Schlüssel, ID
  connection remove NAME    eine Verbindung und ihren Schlüssel entfernen
  models --connection NAME  die Modelle auflisten (und merken), die der Server anbietet
  chat --connection NAME [--model M] [--system S] [--temperature T] [--max-tokens N] [PROMPT]
                            die Antwort auf stdout streamen (der Prompt kommt von stdin, wenn
                            keiner angegeben ist; die Denkschritte gehen auf stderr; --stats
                            gibt Verbrauch und Zeiten aus)
  import FILE               Chats importieren: Cairn-JSON, Open-WebUI-Export oder ChatGPTs
                            conversations.json (wird erkannt); alles oder nichts, keine Duplikate
  export --format json|md [--chat ID] OUT
                            einen Chat oder alle exportieren (OUT &quot;-&quot;: Standardausgabe)
  chats list [--archived]   ein Chat pro Zeile: ID, Titel, letzte Änderung
  search QUERY [--limit N]  Treffer nach Rang: Chattitel und ID, Nachrichten-ID, Ausschnitt
  kb create NAME [--chunk-size N] [--overlap N] [--description D]
            [--connection C --model M]
                            eine Wissensdatenbank anlegen (mit Embedding-Modell: Vektorsuche)
  kb list                   eine Wissensdatenbank pro Zeile: Name, Dokumente, Abschnitte, Größe,
                            Embedding-Modell, ID
  kb add NAME PATH...       Dateien oder Ordner hinzufügen und indizieren (Fortschritt auf stderr)
  kb docs NAME              ein Dokument pro Zeile: Status, Abschnitte, Name, Fehler
  kb search NAME QUERY [--mode keyword|vector|hybrid] [--top-k K]
                            Abschnitte nach Rang: Rang, Punktzahl, Dokument, Position,
                            Abrufverfahren, Text
  kb delete NAME            eine Wissensdatenbank mit ihren Dokumenten löschen

Exit-Codes: 0 Erfolg, 1 Fehlschlag, 2 Aufruffehler, 3 falsche Passphrase oder keine Cairn-Datenbank,
4 Datenbank aus einer neueren Cairn-Version, 5 kein Schlüsselbund verfügbar.</translation>
    </message>
    <message>
        <location line="+141"/>
        <location line="+20"/>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>connection add: openai, ollama or anthropic.</source>
        <translation>connection add: openai, ollama oder anthropic.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KIND</source>
        <translation>TYP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>connection add: the server&apos;s base URL.</source>
        <translation>connection add: die Basis-URL des Servers.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>connection add: read the API key from the first line of FILE.</source>
        <translation>connection add: den API-Schlüssel aus der ersten Zeile von DATEI lesen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>connection add: an extra HTTP header (repeatable).</source>
        <translation>connection add: ein zusätzlicher HTTP-Header (mehrfach möglich).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;NAME: VALUE&quot;</source>
        <translation>&quot;NAME: WERT&quot;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>connection add: Azure OpenAI API version.</source>
        <translation>connection add: API-Version für Azure OpenAI.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>VERSION</source>
        <translation>VERSION</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>MODEL</source>
        <translation>MODELL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>chat: a system prompt.</source>
        <translation>chat: ein Systemprompt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+27"/>
        <source>TEXT</source>
        <translation>TEXT</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>chat: sampling temperature.</source>
        <translation>chat: Sampling-Temperatur.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T</source>
        <translation>T</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>chat: answer length limit.</source>
        <translation>chat: maximale Länge der Antwort.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>chat: print tokens and timing to stderr.</source>
        <translation>chat: Tokens und Zeiten auf stderr ausgeben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>export: json or md.</source>
        <translation>export: json oder md.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FORMAT</source>
        <translation>FORMAT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>export: only this chat.</source>
        <translation>export: nur diesen Chat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>chats list: the archived chats instead.</source>
        <translation>chats list: stattdessen die archivierten Chats.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>search: at most N hits (20).</source>
        <translation>search: höchstens N Treffer (20).</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>unknown log level %1</source>
        <translation>unbekannte Protokollstufe %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>no command given</source>
        <translation>kein Befehl angegeben</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>unknown command: %1</source>
        <translation>unbekannter Befehl: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../src/cli/LlmCommands.cpp" line="+52"/>
        <location line="+65"/>
        <location filename="../src/cli/KnowledgeCommands.cpp" line="+115"/>
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
    <message>
        <location filename="../src/cli/LlmCommands.cpp" line="-75"/>
        <source>connection needs add, list or remove</source>
        <translation>connection braucht add, list oder remove</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>connection add needs --name, --kind and --base-url</source>
        <translation>connection add braucht --name, --kind und --base-url</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--header needs the form &quot;Name: value&quot;</source>
        <translation>--header braucht die Form &quot;Name: Wert&quot;</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>added connection %1 (%2)</source>
        <translation>Verbindung %1 hinzugefügt (%2)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>enabled</source>
        <translation>aktiviert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no key</source>
        <translation>kein Schlüssel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key in %1</source>
        <translation>Schlüssel in %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>connection remove needs the connection&apos;s name</source>
        <translation>connection remove braucht den Namen der Verbindung</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>removed connection %1</source>
        <translation>Verbindung %1 entfernt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown command: connection %1</source>
        <translation>unbekannter Befehl: connection %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>models needs --connection NAME</source>
        <translation>models braucht --connection NAME</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>cairn-cli: warning: the model list was not saved: %1
</source>
        <translation>cairn-cli: Warnung: Die Modellliste wurde nicht gespeichert: %1
</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>context %1</source>
        <translation>Kontext %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>chat needs --connection NAME</source>
        <translation>chat braucht --connection NAME</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no prompt given</source>
        <translation>kein Prompt angegeben</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the prompt is empty</source>
        <translation>der Prompt ist leer</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>the server offers no models; give --model</source>
        <translation>der Server bietet keine Modelle an; geben Sie --model an</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>--temperature needs a number</source>
        <translation>--temperature braucht eine Zahl</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--max-tokens needs a positive number</source>
        <translation>--max-tokens braucht eine positive Zahl</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>cairn-cli: %1; retrying in %2 s (attempt %3)
</source>
        <translation>cairn-cli: %1; neuer Versuch in %2 s (%3. Versuch)
</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>model %1, %2 prompt + %3 completion tokens, first token after %4 ms, %5 ms in all
</source>
        <translation>Modell %1, %2 Prompt- + %3 Antwort-Tokens, erstes Token nach %4 ms, insgesamt %5 ms
</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>cairn-cli: stopped
</source>
        <translation>cairn-cli: angehalten
</translation>
    </message>
    <message>
        <location filename="../src/cli/ChatCommands.cpp" line="+43"/>
        <source>import needs exactly one FILE</source>
        <translation>import braucht genau eine Datei (FILE)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>export needs exactly one OUT file (or -)</source>
        <translation>export braucht genau eine Ausgabedatei OUT (oder -)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>export needs --format json or --format md</source>
        <translation>export braucht --format json oder --format md</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+9"/>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>%1 is empty: there is nothing to import</source>
        <translation>%1 ist leer: es gibt nichts zu importieren</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>imported %n chat(s) with %1 messages from %2 (%3 already there)</source>
        <translation>
            <numerusform>%n Chat mit %1 Nachrichten aus %2 importiert (%3 schon vorhanden)</numerusform>
            <numerusform>%n Chats mit %1 Nachrichten aus %2 importiert (%3 schon vorhanden)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>--chat needs a chat id (see chats list)</source>
        <translation>--chat braucht eine Chat-ID (siehe chats list)</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>exported %n chat(s) to %1</source>
        <translation>
            <numerusform>%n Chat nach %1 exportiert</numerusform>
            <numerusform>%n Chats nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>chats needs list</source>
        <translation>chats braucht list</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>search needs a QUERY</source>
        <translation>search braucht einen Suchbegriff (QUERY)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--limit needs a positive number</source>
        <translation>--limit braucht eine positive Zahl</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../src/cli/KnowledgeCommands.cpp" line="+184"/>
        <source>no matches</source>
        <translation>keine Treffer</translation>
    </message>
    <message>
        <location filename="../src/cli/KnowledgeCommands.cpp" line="-277"/>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>parsing</source>
        <translation>wird gelesen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>splitting</source>
        <translation>wird zerlegt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>indexing</source>
        <translation>wird indiziert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>embedding</source>
        <translation>Embeddings werden berechnet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>completed</source>
        <translation>fertig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>paused</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>kb needs a command: create, list, add, docs, search or delete</source>
        <translation>kb braucht einen Befehl: create, list, add, docs, search oder delete</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown command: kb %1</source>
        <translation>unbekannter Befehl: kb %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>kb create needs one NAME</source>
        <translation>kb create braucht genau einen NAME</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--chunk-size and --overlap need whole numbers (the size above 0)</source>
        <translation>--chunk-size und --overlap brauchen ganze Zahlen (die Größe über 0)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--overlap must be at most half the chunk size (%1 tokens)</source>
        <translation>--overlap darf höchstens die halbe Abschnittsgröße betragen (%1 Tokens)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>an embedding model needs both --connection and --model</source>
        <translation>ein Embedding-Modell braucht sowohl --connection als auch --model</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>keyword only</source>
        <translation>nur Stichwortsuche</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n Dokument</numerusform>
            <numerusform>%n Dokumente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location line="+121"/>
        <source>%n chunk(s)</source>
        <translation>
            <numerusform>%n Abschnitt</numerusform>
            <numerusform>%n Abschnitte</numerusform>
        </translation>
    </message>
    <message>
        <location line="-117"/>
        <source>no knowledge bases</source>
        <translation>keine Wissensdatenbanken</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>kb add needs a NAME and at least one PATH</source>
        <translation>kb add braucht einen NAME und mindestens einen PATH</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>another Cairn is indexing this database: large files added now wait for it</source>
        <translation>eine andere Cairn-Instanz indiziert gerade diese Datenbank: jetzt hinzugefügte große Dateien warten darauf</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>resuming %n unfinished document(s)</source>
        <translation>
            <numerusform>%n nicht abgeschlossenes Dokument wird fortgesetzt</numerusform>
            <numerusform>%n nicht abgeschlossene Dokumente werden fortgesetzt</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>adding %1/%2 %3</source>
        <translation>Hinzufügen %1/%2 %3</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>skipped: %1</source>
        <translation>übersprungen: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>refused: %1</source>
        <translation>abgelehnt: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>added %n document(s)</source>
        <translation>
            <numerusform>%n Dokument hinzugefügt</numerusform>
            <numerusform>%n Dokumente hinzugefügt</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>indexed %1</source>
        <translation>%1 indiziert</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: %2 %3%</source>
        <translation>%1: %2 %3%</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>kb docs needs one NAME</source>
        <translation>kb docs braucht genau einen NAME</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>kb search needs a NAME and a QUERY</source>
        <translation>kb search braucht einen NAME und einen Suchbegriff (QUERY)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--mode must be keyword, vector or hybrid</source>
        <translation>--mode muss keyword, vector oder hybrid sein</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--top-k needs a number from 1 to 100</source>
        <translation>--top-k braucht eine Zahl von 1 bis 100</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>kb delete needs one NAME</source>
        <translation>kb delete braucht genau einen NAME</translation>
    </message>
</context>
<context>
    <name>cairn::ComposerEdit</name>
    <message>
        <location filename="../src/gui/panes/ChatPane.cpp" line="-54"/>
        <source>Enter sends (Shift+Enter breaks the line)</source>
        <translation>Enter sendet (Shift+Enter für neue Zeile)</translation>
    </message>
</context>
<context>
    <name>cairn::ConnectionDialog</name>
    <message>
        <location filename="../src/gui/ConnectionDialog.cpp" line="+34"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Add Connection</source>
        <translation>Verbindung hinzufügen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not needed by most servers on this computer</source>
        <translation>Für die meisten Server auf diesem Computer nicht nötig</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Edit Connection</source>
        <translation>Verbindung bearbeiten</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>None stored</source>
        <translation>Keiner gespeichert</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stored in the system keychain; leave empty to keep it</source>
        <translation>Im Schlüsselbund des Systems gespeichert; leer lassen, um ihn zu behalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stored in the encrypted database; leave empty to keep it</source>
        <translation>In der verschlüsselten Datenbank gespeichert; leer lassen, um ihn zu behalten</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Preset</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fills in the kind of server and its address</source>
        <translation>Füllt den Servertyp und seine Adresse aus</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How Cairn shows this connection</source>
        <translation>Wie Cairn diese Verbindung anzeigt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kind of server</source>
        <translation>Servertyp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OpenAI-compatible</source>
        <translation>OpenAI-kompatibel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ollama</source>
        <translation>Ollama</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anthropic</source>
        <translation>Anthropic</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Remove the stored key</source>
        <translation>Gespeicherten Schlüssel &amp;entfernen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the stored key</source>
        <translation>Gespeicherten Schlüssel entfernen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Azure API version</source>
        <translation>Azure-API-Version</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only for Azure OpenAI, e.g. %1</source>
        <translation>Nur für Azure OpenAI, z. B. %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Preset:</source>
        <translation>Vor&amp;lage:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Base URL:</source>
        <translation>&amp;Basis-URL:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API &amp;key:</source>
        <translation>&amp;API-Schlüssel:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Azure API &amp;version:</source>
        <translation>Azure-API-&amp;Version:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Extra headers</source>
        <translation>Zusätzliche Header</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name: value (one per line)</source>
        <translation>Name: Wert (einer pro Zeile)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connect timeout</source>
        <translation>Zeitlimit für den Verbindungsaufbau</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First byte timeout</source>
        <translation>Zeitlimit bis zum ersten Byte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Idle timeout</source>
        <translation>Zeitlimit im Leerlauf</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>connect</source>
        <translation>Verbindungsaufbau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>first byte</source>
        <translation>erstes Byte</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>idle</source>
        <translation>Leerlauf</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Price per million input tokens</source>
        <translation>Preis pro Million Eingabe-Tokens</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Price per million output tokens</source>
        <translation>Preis pro Million Ausgabe-Tokens</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not set</source>
        <translation>nicht festgelegt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>per million tokens</source>
        <translation>pro Million Tokens</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Trusted certificate</source>
        <translation>Vertrauenswürdiges Zertifikat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Forget</source>
        <translation>Ver&amp;gessen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forget the trusted certificate</source>
        <translation>Vertrauenswürdiges Zertifikat vergessen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Extra &amp;headers:</source>
        <translation>&amp;Zusätzliche Header:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeouts:</source>
        <translation>Zeitlimits:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prices:</source>
        <translation>Preise:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trusted certificate:</source>
        <translation>Vertrauenswürdiges Zertifikat:</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Forgotten when you save</source>
        <translation>Wird beim Speichern vergessen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>SHA-256 fingerprint of a certificate you chose to trust</source>
        <translation>SHA-256-Fingerabdruck eines Zertifikats, dem Sie ausdrücklich vertrauen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Line %1 of the extra headers is not of the form “Name: value”.</source>
        <translation>Zeile %1 der zusätzlichen Header hat nicht die Form „Name: Wert“.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A price must be a number, or empty when not set.</source>
        <translation>Ein Preis muss eine Zahl sein oder leer bleiben, wenn er nicht festgelegt ist.</translation>
    </message>
</context>
<context>
    <name>cairn::ConnectionRepository</name>
    <message>
        <location filename="../src/storage/ConnectionRepository.cpp" line="+98"/>
        <source>Could not save the connection</source>
        <translation>Die Verbindung konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A connection named “%1” already exists.</source>
        <translation>Eine Verbindung namens „%1“ existiert bereits.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Could not read the connections</source>
        <translation>Die Verbindungen konnten nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Could not read the connection</source>
        <translation>Die Verbindung konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There is no connection named “%1”.</source>
        <translation>Es gibt keine Verbindung namens „%1“.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The connection “%1” no longer exists.</source>
        <translation>Die Verbindung „%1“ existiert nicht mehr.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Could not delete the connection</source>
        <translation>Die Verbindung konnte nicht gelöscht werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There is no such connection.</source>
        <translation>Diese Verbindung gibt es nicht.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Could not store the API key</source>
        <translation>Der API-Schlüssel konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not read the API key</source>
        <translation>Der API-Schlüssel konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The connection&apos;s API key is missing from the database.</source>
        <translation>Der API-Schlüssel der Verbindung fehlt in der Datenbank.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not remove the API key</source>
        <translation>Der API-Schlüssel konnte nicht entfernt werden</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+3"/>
        <location line="+44"/>
        <source>Could not save the model list</source>
        <translation>Die Modellliste konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Could not read the model list</source>
        <translation>Die Modellliste konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Could not change the model</source>
        <translation>Das Modell konnte nicht geändert werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The connection offers no model “%1”.</source>
        <translation>Die Verbindung bietet kein Modell „%1“ an.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Could not read the settings</source>
        <translation>Die Einstellungen konnten nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+11"/>
        <source>Could not save the settings</source>
        <translation>Die Einstellungen konnten nicht gespeichert werden</translation>
    </message>
</context>
<context>
    <name>cairn::ConnectionService</name>
    <message>
        <location filename="../src/services/ConnectionService.cpp" line="+93"/>
        <source>A connection needs a name.</source>
        <translation>Eine Verbindung braucht einen Namen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A connection&apos;s name can have at most 100 characters.</source>
        <translation>Der Name einer Verbindung darf höchstens 100 Zeichen lang sein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown kind of server “%1”; use openai, ollama or anthropic.</source>
        <translation>Unbekannter Servertyp „%1“; verwenden Sie openai, ollama oder anthropic.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The base URL “%1” is not an http:// or https:// address.</source>
        <translation>Die Basis-URL „%1“ ist keine http://- oder https://-Adresse.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Put credentials in the API key field, not in the base URL.</source>
        <translation>Geben Sie Zugangsdaten im Feld „API-Schlüssel“ an, nicht in der Basis-URL.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The header “%1” is not a valid HTTP header.</source>
        <translation>Der Header „%1“ ist kein gültiger HTTP-Header.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Timeouts must lie between 0.1 s and 24 hours.</source>
        <translation>Zeitlimits müssen zwischen 0,1 s und 24 Stunden liegen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Prices cannot be negative.</source>
        <translation>Preise dürfen nicht negativ sein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The API key must be a single line.</source>
        <translation>Der API-Schlüssel muss aus einer einzigen Zeile bestehen.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No keychain.</source>
        <translation>Kein Schlüsselbund.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not store the API key in the keychain: %1</source>
        <translation>Der API-Schlüssel konnte nicht im Schlüsselbund gespeichert werden: %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>A connection named “%1” already exists.</source>
        <translation>Eine Verbindung namens „%1“ existiert bereits.</translation>
    </message>
    <message>
        <location line="+174"/>
        <source>The connection “%1” has an unknown kind.</source>
        <translation>Die Verbindung „%1“ hat einen unbekannten Servertyp.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>No keychain is available to read the API key from.</source>
        <translation>Es ist kein Schlüsselbund verfügbar, aus dem der API-Schlüssel gelesen werden könnte.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not read the API key of “%1” from the keychain: %2</source>
        <translation>Der API-Schlüssel von „%1“ konnte nicht aus dem Schlüsselbund gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>cairn::ConnectionsPage</name>
    <message>
        <location filename="../src/gui/panes/ConnectionsPage.cpp" line="+39"/>
        <source>no models</source>
        <translation>keine Modelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 model</source>
        <translation>1 Modell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 models</source>
        <translation>%1 Modelle</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>OpenAI-compatible</source>
        <translation>OpenAI-kompatibel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ollama</source>
        <translation>Ollama</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anthropic</source>
        <translation>Anthropic</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>API key rejected</source>
        <translation>API-Schlüssel abgelehnt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certificate not trusted</source>
        <translation>Zertifikat nicht vertrauenswürdig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unreachable</source>
        <translation>Nicht erreichbar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No answer in time</source>
        <translation>Keine rechtzeitige Antwort</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rate limited</source>
        <translation>Anfragelimit erreicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server error</source>
        <translation>Serverfehler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+63"/>
        <location line="+6"/>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+331"/>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <location line="-331"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>No connections yet</source>
        <translation>Noch keine Verbindungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a model server: a provider such as OpenAI or Anthropic with your API key, or a server on this computer such as Ollama or LM Studio.</source>
        <translation>Fügen Sie einen Modellserver hinzu: einen Anbieter wie OpenAI oder Anthropic mit Ihrem API-Schlüssel oder einen Server auf diesem Computer wie Ollama oder LM Studio.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Add…</source>
        <translation>Hin&amp;zufügen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Verify</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+406"/>
        <source>Disa&amp;ble</source>
        <translation>Dea&amp;ktivieren</translation>
    </message>
    <message>
        <location line="-405"/>
        <location line="+631"/>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <location line="-630"/>
        <source>Find &amp;Local Servers</source>
        <translation>Lokale &amp;Server suchen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add a connection</source>
        <translation>Verbindung hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the connection</source>
        <translation>Verbindung bearbeiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verify the connection</source>
        <translation>Verbindung prüfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enable or disable the connection</source>
        <translation>Verbindung aktivieren oder deaktivieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the connection</source>
        <translation>Verbindung löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find model servers on this computer</source>
        <translation>Modellserver auf diesem Computer suchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask the server for its models</source>
        <translation>Den Server nach seinen Modellen fragen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Look for Ollama, LM Studio and llama.cpp on this computer</source>
        <translation>Auf diesem Computer nach Ollama, LM Studio und llama.cpp suchen</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Working</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Trust This Certificate…</source>
        <translation>Diesem Zertifikat &amp;vertrauen …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trust this certificate</source>
        <translation>Diesem Zertifikat vertrauen</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+257"/>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <location line="-252"/>
        <source>Models of the selected connection</source>
        <translation>Modelle der ausgewählten Verbindung</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The model could not be changed: %1</source>
        <translation>Das Modell konnte nicht geändert werden: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Unchecked models are not offered when you choose a model.</source>
        <translation>Nicht angehakte Modelle werden bei der Modellauswahl nicht angeboten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Defaults</source>
        <translation>Standardmodelle</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Chat model:</source>
        <translation>&amp;Chatmodell:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>E&amp;mbedding model:</source>
        <translation>&amp;Embedding-Modell:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Task model:</source>
        <translation>A&amp;ufgabenmodell:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default chat model</source>
        <translation>Standard-Chatmodell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Default embedding model</source>
        <translation>Standard-Embedding-Modell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task model, used for conversation titles</source>
        <translation>Aufgabenmodell, für die Titel von Unterhaltungen</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+255"/>
        <source>(none)</source>
        <translation>(keines)</translation>
    </message>
    <message>
        <location line="-248"/>
        <source>The task model writes titles for conversations; without one, the chat model does.</source>
        <translation>Das Aufgabenmodell erstellt die Titel von Unterhaltungen; ist keines festgelegt, übernimmt das Chatmodell diese Aufgabe.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The model servers Cairn talks to. API keys are kept in the system keychain, never in a file. Verify a connection to list its models.</source>
        <translation>Die Modellserver, mit denen Cairn spricht. API-Schlüssel werden im Schlüsselbund des Systems aufbewahrt, nie in einer Datei. Prüfen Sie eine Verbindung, um ihre Modelle aufzulisten.</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Could not read the connections: %1</source>
        <translation>Die Verbindungen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Verifying…</source>
        <translation>Wird geprüft …</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (%2 hidden)</source>
        <translation>%1 (%2 ausgeblendet)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Verified: the server answered with %1.</source>
        <translation>Geprüft: Der Server meldet %1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not verified</source>
        <translation>Nicht geprüft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The models the server listed when last verified</source>
        <translation>Die Modelle, die der Server bei der letzten Prüfung gemeldet hat</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keychain</source>
        <translation>Schlüsselbund</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None</source>
        <translation>Keiner</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The API key is kept in the system keychain</source>
        <translation>Der API-Schlüssel wird im Schlüsselbund des Systems aufbewahrt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No keychain is available: the API key is kept inside the encrypted database</source>
        <translation>Kein Schlüsselbund verfügbar: Der API-Schlüssel wird in der verschlüsselten Datenbank aufbewahrt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No API key is stored</source>
        <translation>Es ist kein API-Schlüssel gespeichert</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Models of “%1”</source>
        <translation>Modelle von „%1“</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No models known yet. Verify the connection to list them.</source>
        <translation>Noch keine Modelle bekannt. Prüfen Sie die Verbindung, um sie aufzulisten.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+399"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="-391"/>
        <source>context of %1 tokens</source>
        <translation>Kontext von %1 Tokens</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 (not available)</source>
        <translation>%1 (nicht verfügbar)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown connection</source>
        <translation>unbekannte Verbindung</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The default could not be saved: %1</source>
        <translation>Das Standardmodell konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Ena&amp;ble</source>
        <translation>A&amp;ktivieren</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Verifying “%1”…</source>
        <translation>„%1“ wird geprüft …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Looking for model servers on this computer…</source>
        <translation>Modellserver auf diesem Computer werden gesucht …</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>The connection was not saved: %1</source>
        <translation>Die Verbindung wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Saved “%1”.</source>
        <translation>„%1“ gespeichert.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>The server answered, but its models could not be saved: %1</source>
        <translation>Der Server hat geantwortet, aber seine Modelle konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>“%1” answers with %2.</source>
        <translation>„%1“ antwortet und meldet %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“%1” could not be verified. %2</source>
        <translation>„%1“ konnte nicht geprüft werden. %2</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Trust This Certificate?</source>
        <translation>Diesem Zertifikat vertrauen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server of “%1” presents a TLS certificate that Cairn cannot verify.</source>
        <translation>Der Server von „%1“ legt ein TLS-Zertifikat vor, das Cairn nicht überprüfen kann.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;p&gt;Trust it only if you know it is your server&apos;s own certificate: compare this SHA-256 fingerprint with the one your server shows.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Vertrauen Sie ihm nur, wenn Sie wissen, dass es das eigene Zertifikat Ihres Servers ist: Vergleichen Sie diesen SHA-256-Fingerabdruck mit dem, den Ihr Server anzeigt.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;p&gt;You can forget it again in the connection&apos;s settings.&lt;/p&gt;</source>
        <translation>&lt;p&gt;In den Einstellungen der Verbindung können Sie es wieder vergessen.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Trust Certificate</source>
        <translation>Zertifikat &amp;vertrauen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The certificate could not be trusted: %1</source>
        <translation>Das Zertifikat konnte nicht als vertrauenswürdig gespeichert werden: %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Delete Connection</source>
        <translation>Verbindung löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the connection “%1”?</source>
        <translation>Die Verbindung „%1“ löschen?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Its API key is removed from the keychain, its list of models is forgotten, and defaults that use it are cleared.</source>
        <translation>Ihr API-Schlüssel wird aus dem Schlüsselbund entfernt, ihre Modellliste wird vergessen, und Standardmodelle, die sie verwenden, werden zurückgesetzt.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>“%1” could not be deleted: %2</source>
        <translation>„%1“ konnte nicht gelöscht werden: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Deleted “%1”.</source>
        <translation>„%1“ gelöscht.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The connection could not be changed: %1</source>
        <translation>Die Verbindung konnte nicht geändert werden: %1</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>No model server answered on this computer.</source>
        <translation>Auf diesem Computer hat kein Modellserver geantwortet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The model servers on this computer are already connections.</source>
        <translation>Für die Modellserver auf diesem Computer gibt es bereits Verbindungen.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1 could not be added: %2</source>
        <translation>%1 konnte nicht hinzugefügt werden: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Added “%1” with %2.</source>
        <translation>„%1“ hinzugefügt (%2).</translation>
    </message>
</context>
<context>
    <name>cairn::ConversationView</name>
    <message>
        <location filename="../src/gui/chat/ConversationView.cpp" line="+91"/>
        <source>Conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Assistant</source>
        <translation>Assistent</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 → %2 tokens</source>
        <translation>%1 → %2 Tokens</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Comment…</source>
        <translation>Kommentar …</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit comment…</source>
        <translation>Kommentar bearbeiten …</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Regenerate</source>
        <translation>Neu erzeugen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Liked</source>
        <translation>Gut bewertet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Good</source>
        <translation>Gut</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Disliked</source>
        <translation>Schlecht bewertet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bad</source>
        <translation>Schlecht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your comment:</source>
        <translation>Ihr Kommentar:</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+187"/>
        <source>Thinking:</source>
        <translation>Denkprozess:</translation>
    </message>
    <message>
        <location line="-175"/>
        <source>Image:</source>
        <translation>Bild:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+237"/>
        <source>Stopped.</source>
        <translation>Angehalten.</translation>
    </message>
    <message>
        <location line="-234"/>
        <source>Interrupted: Cairn stopped while this answer arrived; this is what had arrived.</source>
        <translation>Unterbrochen: Cairn wurde beendet, während diese Antwort eintraf; hier steht, was bis dahin angekommen war.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+234"/>
        <source>Error:</source>
        <translation>Fehler:</translation>
    </message>
    <message>
        <location line="-221"/>
        <source>Copy code</source>
        <translation>Code kopieren</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The knowledge bases could not be searched:</source>
        <translation>Die Wissensdatenbanken konnten nicht durchsucht werden:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing in the attached knowledge bases matched this question.</source>
        <translation>In den verknüpften Wissensdatenbanken passte nichts zu dieser Frage.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sources:</source>
        <translation>Quellen:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Show %1 earlier messages</source>
        <translation>%1 frühere Nachrichten anzeigen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
</context>
<context>
    <name>cairn::Database</name>
    <message>
        <location filename="../src/storage/Database.cpp" line="+115"/>
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
    <message>
        <location line="+45"/>
        <location line="+19"/>
        <source>Could not start a transaction</source>
        <translation>Es konnte keine Transaktion begonnen werden</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Could not undo a failed change</source>
        <translation>Eine fehlgeschlagene Änderung konnte nicht rückgängig gemacht werden</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+16"/>
        <source>Could not save the changes</source>
        <translation>Die Änderungen konnten nicht gespeichert werden</translation>
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
    <name>cairn::FolderTree</name>
    <message>
        <location filename="../src/gui/chat/FolderTree.cpp" line="+16"/>
        <source>Folders</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>All chats</source>
        <translation>Alle Chats</translation>
    </message>
</context>
<context>
    <name>cairn::FoldersPane</name>
    <message>
        <location filename="../src/gui/panes/FoldersPane.cpp" line="+23"/>
        <source>No folders yet</source>
        <translation>Noch keine Ordner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a database to organise conversations in folders.</source>
        <translation>Öffnen Sie eine Datenbank, um Unterhaltungen in Ordnern zu ordnen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Group conversations in nested folders.</source>
        <translation>Ordnen Sie Unterhaltungen in verschachtelten Ordnern.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Group conversations in nested folders. Drag chats onto a folder, or folders into each other.</source>
        <translation>Ordnen Sie Unterhaltungen in verschachtelten Ordnern. Ziehen Sie Chats auf einen Ordner oder Ordner ineinander.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>New folder…</source>
        <translation>Neuer Ordner …</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+117"/>
        <source>New folder</source>
        <translation>Neuer Ordner</translation>
    </message>
    <message>
        <location line="-116"/>
        <source>Subfolder…</source>
        <translation>Unterordner …</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+116"/>
        <source>New subfolder</source>
        <translation>Neuer Unterordner</translation>
    </message>
    <message>
        <location line="-115"/>
        <source>Rename…</source>
        <translation>Umbenennen …</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+128"/>
        <source>Rename folder</source>
        <translation>Ordner umbenennen</translation>
    </message>
    <message>
        <location line="-127"/>
        <source>Delete…</source>
        <translation>Löschen …</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete folder</source>
        <translation>Ordner löschen</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+43"/>
        <source>All chats</source>
        <translation>Alle Chats</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Chats in the folder</source>
        <translation>Chats im Ordner</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Double-click a chat (or press Enter) to open it.</source>
        <translation>Doppelklicken Sie auf einen Chat (oder drücken Sie Enter), um ihn zu öffnen.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n chat(s) in all</source>
        <translation>
            <numerusform>%n Chat insgesamt</numerusform>
            <numerusform>%n Chats insgesamt</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No chats here yet: drag some from the list onto a folder.</source>
        <translation>Hier sind noch keine Chats: Ziehen Sie welche aus der Liste auf einen Ordner.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n chat(s) in this folder</source>
        <translation>
            <numerusform>%n Chat in diesem Ordner</numerusform>
            <numerusform>%n Chats in diesem Ordner</numerusform>
        </translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+13"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location line="-160"/>
        <location line="+1"/>
        <location line="+7"/>
        <location line="+1"/>
        <source>Folders</source>
        <translation>Ordner</translation>
    </message>
</context>
<context>
    <name>cairn::GuiApp</name>
    <message>
        <location filename="../src/gui/GuiApp.cpp" line="+37"/>
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
        <location line="+60"/>
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
        <location filename="../src/gui/panes/KnowledgePane.cpp" line="+76"/>
        <source>Adding %1 of %2: %3</source>
        <translation>%1 von %2 wird hinzugefügt: %3</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <location line="+483"/>
        <source>Added %n document(s).</source>
        <translation>
            <numerusform>%n Dokument hinzugefügt.</numerusform>
            <numerusform>%n Dokumente hinzugefügt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-481"/>
        <source>%n already in the base.</source>
        <translation>
            <numerusform>%n war bereits in der Wissensdatenbank.</numerusform>
            <numerusform>%n waren bereits in der Wissensdatenbank.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not added: %1</source>
        <translation>Nicht hinzugefügt: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+88"/>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message numerus="yes">
        <location line="-84"/>
        <source>Paused: %n document(s) wait.</source>
        <translation>
            <numerusform>Angehalten: %n Dokument wartet.</numerusform>
            <numerusform>Angehalten: %n Dokumente warten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Indexing: %n document(s) to go.</source>
        <translation>
            <numerusform>Wird indiziert: noch %n Dokument.</numerusform>
            <numerusform>Wird indiziert: noch %n Dokumente.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paused: press Resume to go on.</source>
        <translation>Angehalten: „Fortsetzen“ setzt die Arbeit fort.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>None (keyword search only)</source>
        <translation>Keine (nur Stichwortsuche)</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+1"/>
        <source>Knowledge</source>
        <translation>Wissen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents that conversations can draw on, searched offline and stored encrypted on this computer.</source>
        <translation>Dokumente, auf die Unterhaltungen zurückgreifen können – offline durchsucht und verschlüsselt auf diesem Computer gespeichert.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No knowledge bases yet</source>
        <translation>Noch keine Wissensdatenbanken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a knowledge base, then add files or whole folders: text, Markdown, HTML, PDF, Word, CSV or source code.</source>
        <translation>Erstellen Sie eine Wissensdatenbank und fügen Sie dann Dateien oder ganze Ordner hinzu: Text, Markdown, HTML, PDF, Word, CSV oder Quellcode.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Knowledge bases</source>
        <translation>Wissensdatenbanken</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New…</source>
        <translation>Neu…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+40"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>New knowledge base</source>
        <translation>Neue Wissensdatenbank</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+225"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location line="-217"/>
        <source>Delete knowledge base</source>
        <translation>Wissensdatenbank löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete “%1” and all its documents? This cannot be undone.</source>
        <translation>„%1“ und alle zugehörigen Dokumente löschen? Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Add files…</source>
        <translation>Dateien hinzufügen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add folder…</source>
        <translation>Ordner hinzufügen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re-index</source>
        <translation>Neu indizieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+556"/>
        <source>Disable / enable</source>
        <translation>Deaktivieren / aktivieren</translation>
    </message>
    <message>
        <location line="-540"/>
        <location line="+89"/>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <location line="-89"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chunks</source>
        <translation>Abschnitte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%v of %m</source>
        <translation>%v von %m</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Documents</source>
        <translation>Dokumente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add files</source>
        <translation>Dateien hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents (*.txt *.md *.markdown *.html *.htm *.pdf *.docx *.csv *.tsv *.json *.xml *.py *.cpp *.h *.js *.ts *.rs *.go *.java *.sql *.yaml *.yml);;All files (*)</source>
        <translation>Dokumente (*.txt *.md *.markdown *.html *.htm *.pdf *.docx *.csv *.tsv *.json *.xml *.py *.cpp *.h *.js *.ts *.rs *.go *.java *.sql *.yaml *.yml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add folder</source>
        <translation>Ordner hinzufügen</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Delete document</source>
        <translation>Dokument löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete “%1” from this knowledge base?</source>
        <translation>„%1“ aus dieser Wissensdatenbank löschen?</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Ask something the documents should answer</source>
        <translation>Stellen Sie eine Frage, die die Dokumente beantworten sollen</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+87"/>
        <source>Keyword</source>
        <translation>Stichwortsuche</translation>
    </message>
    <message>
        <location line="-86"/>
        <location line="+87"/>
        <source>Vector</source>
        <translation>Vektorsuche</translation>
    </message>
    <message>
        <location line="-86"/>
        <location line="+87"/>
        <source>Hybrid</source>
        <translation>Hybrid</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>top </source>
        <translation>Top </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+441"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="-441"/>
        <source>Score</source>
        <translation>Punktzahl</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chunk</source>
        <translation>Abschnitt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Found by</source>
        <translation>Gefunden durch</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+441"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="-431"/>
        <source>Recent queries (double-click to run one again):</source>
        <translation>Letzte Suchanfragen (Doppelklick führt eine erneut aus):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Query</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Found</source>
        <translation>Gefunden</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+313"/>
        <source>Test retrieval</source>
        <translation>Abruf testen</translation>
    </message>
    <message>
        <location line="-296"/>
        <source>Custom chunking</source>
        <translation>Eigene Aufteilung in Abschnitte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Otherwise automatic: 500 tokens with 50 of overlap</source>
        <translation>Sonst automatisch: 500 Tokens mit 50 Tokens Überlappung</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+4"/>
        <source> tokens</source>
        <translation> Tokens</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tried in order, separated by | (\n is a line break)</source>
        <translation>Der Reihe nach versucht, getrennt durch | (\n ist ein Zeilenumbruch)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collapse runs of spaces and blank lines</source>
        <translation>Mehrfache Leerzeichen und Leerzeilen zusammenfassen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drop web addresses and e-mail addresses</source>
        <translation>Web- und E-Mail-Adressen entfernen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. nomic-embed-text</source>
        <translation>z. B. nomic-embed-text</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Reciprocal-rank fusion</source>
        <translation>Reziproke Rangfusion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weighted scores</source>
        <translation>Gewichtete Punktzahlen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save settings</source>
        <translation>Einstellungen speichern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Description:</source>
        <translation>Beschreibung:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chunk size:</source>
        <translation>Abschnittsgröße:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overlap:</source>
        <translation>Überlappung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Separators:</source>
        <translation>Trennzeichen:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Embedding connection:</source>
        <translation>Embedding-Verbindung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Embedding model:</source>
        <translation>Embedding-Modell:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retrieval:</source>
        <translation>Abruf:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top K:</source>
        <translation>Top K:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score threshold:</source>
        <translation>Mindestpunktzahl:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hybrid fusion:</source>
        <translation>Hybride Fusion:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vector weight:</source>
        <translation>Vektorgewicht:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changing the chunking re-indexes every document; changing the embedding model embeds them again. Keyword search keeps working meanwhile.</source>
        <translation>Wenn Sie die Aufteilung in Abschnitte ändern, werden alle Dokumente neu indiziert; wenn Sie das Embedding-Modell ändern, werden ihre Embeddings neu berechnet. Die Stichwortsuche funktioniert währenddessen weiter.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Create or choose a knowledge base first.</source>
        <translation>Erstellen oder wählen Sie zuerst eine Wissensdatenbank.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Adding…</source>
        <translation>Wird hinzugefügt…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Searching…</source>
        <translation>Wird gesucht…</translation>
    </message>
    <message numerus="yes">
        <location line="+32"/>
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n Dokument</numerusform>
            <numerusform>%n Dokumente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n chunk(s)</source>
        <translation>
            <numerusform>%n Abschnitt</numerusform>
            <numerusform>%n Abschnitte</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Create a knowledge base with New…, then add documents.</source>
        <translation>Erstellen Sie mit „Neu…“ eine Wissensdatenbank und fügen Sie dann Dokumente hinzu.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Parsing</source>
        <translation>Wird gelesen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Splitting</source>
        <translation>Wird zerlegt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Indexing</source>
        <translation>Wird indiziert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Embedding</source>
        <translation>Embeddings werden berechnet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Completed</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 (disabled)</source>
        <translation>%1 (deaktiviert)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No documents yet: add files or a folder, or drop them here.</source>
        <translation>Noch keine Dokumente: Fügen Sie Dateien oder einen Ordner hinzu oder ziehen Sie sie hierher.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>keyword + vector</source>
        <translation>Stichwort + Vektor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vector</source>
        <translation>Vektor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>keyword</source>
        <translation>Stichwort</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing found.</source>
        <translation>Nichts gefunden.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n chunk(s) in %1 ms.</source>
        <translation>
            <numerusform>%n Abschnitt in %1 ms.</numerusform>
            <numerusform>%n Abschnitte in %1 ms.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n chunk(s) in %1 ms</source>
        <translation>
            <numerusform>%n Abschnitt in %1 ms</numerusform>
            <numerusform>%n Abschnitte in %1 ms</numerusform>
        </translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Chunks of %1</source>
        <translation>Abschnitte von %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hits</source>
        <translation>Treffer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save chunk</source>
        <translation>Abschnitt speichern</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (edited)</source>
        <translation> (bearbeitet)</translation>
    </message>
</context>
<context>
    <name>cairn::KnowledgeRepository</name>
    <message>
        <location filename="../src/storage/KnowledgeRepository.cpp" line="+254"/>
        <location line="+86"/>
        <source>A knowledge base needs a name.</source>
        <translation>Eine Wissensdatenbank braucht einen Namen.</translation>
    </message>
    <message>
        <location line="-73"/>
        <location line="+20"/>
        <source>Could not create the knowledge base</source>
        <translation>Die Wissensdatenbank konnte nicht angelegt werden</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+80"/>
        <source>A knowledge base called “%1” already exists.</source>
        <translation>Eine Wissensdatenbank namens „%1“ existiert bereits.</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Could not list the knowledge bases</source>
        <translation>Die Wissensdatenbanken konnten nicht aufgelistet werden</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Could not read the knowledge base</source>
        <translation>Die Wissensdatenbank konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+52"/>
        <location line="+22"/>
        <source>There is no knowledge base “%1”.</source>
        <translation>Es gibt keine Wissensdatenbank „%1“.</translation>
    </message>
    <message>
        <location line="-43"/>
        <location line="+18"/>
        <location line="+39"/>
        <source>Could not update the knowledge base</source>
        <translation>Die Wissensdatenbank konnte nicht aktualisiert werden</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+5"/>
        <source>Could not delete the knowledge base</source>
        <translation>Die Wissensdatenbank konnte nicht gelöscht werden</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Could not read the stored files</source>
        <translation>Die gespeicherten Dateien konnten nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+22"/>
        <location line="+14"/>
        <source>Could not store the file</source>
        <translation>Die Datei konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>The file changed while it was being added.</source>
        <translation>Die Datei hat sich geändert, während sie hinzugefügt wurde.</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+11"/>
        <source>Could not read the stored file</source>
        <translation>Die gespeicherte Datei konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The document&apos;s file is missing from the database.</source>
        <translation>Die Datei des Dokuments fehlt in der Datenbank.</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+11"/>
        <source>Could not add the document</source>
        <translation>Das Dokument konnte nicht hinzugefügt werden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“%1” is already in this knowledge base (as “%2”).</source>
        <translation>„%1“ ist bereits in dieser Wissensdatenbank (als „%2“).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Could not list the documents</source>
        <translation>Die Dokumente konnten nicht aufgelistet werden</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Could not read the document</source>
        <translation>Das Dokument konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+29"/>
        <location line="+12"/>
        <source>The document is no longer there.</source>
        <translation>Das Dokument ist nicht mehr vorhanden.</translation>
    </message>
    <message>
        <location line="-27"/>
        <location line="+12"/>
        <location line="+161"/>
        <location line="+89"/>
        <source>Could not update the document</source>
        <translation>Das Dokument konnte nicht aktualisiert werden</translation>
    </message>
    <message>
        <location line="-238"/>
        <source>Could not delete the document</source>
        <translation>Das Dokument konnte nicht gelöscht werden</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+69"/>
        <source>Could not read the queue</source>
        <translation>Die Warteschlange konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Could not update the documents</source>
        <translation>Die Dokumente konnten nicht aktualisiert werden</translation>
    </message>
    <message>
        <location line="+66"/>
        <location line="+7"/>
        <source>Could not clear the document&apos;s chunks</source>
        <translation>Die Abschnitte des Dokuments konnten nicht entfernt werden</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Could not store the chunks</source>
        <translation>Die Abschnitte konnten nicht gespeichert werden</translation>
    </message>
    <message>
        <location line="-518"/>
        <location line="+16"/>
        <source>Could not index the chunks</source>
        <translation>Die Abschnitte konnten nicht indiziert werden</translation>
    </message>
    <message>
        <location line="+542"/>
        <location line="+20"/>
        <source>Could not read the chunks</source>
        <translation>Die Abschnitte konnten nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>A chunk cannot be empty.</source>
        <translation>Ein Abschnitt darf nicht leer sein.</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+37"/>
        <source>Could not update the chunk</source>
        <translation>Der Abschnitt konnte nicht aktualisiert werden</translation>
    </message>
    <message>
        <location line="-34"/>
        <location line="+37"/>
        <source>The chunk is no longer there.</source>
        <translation>Der Abschnitt ist nicht mehr vorhanden.</translation>
    </message>
    <message>
        <location line="-32"/>
        <location line="+7"/>
        <source>Could not index the chunk</source>
        <translation>Der Abschnitt konnte nicht indiziert werden</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Could not count the chunks&apos; hits</source>
        <translation>Die Treffer der Abschnitte konnten nicht gezählt werden</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Keyword search failed</source>
        <translation>Die Stichwortsuche ist fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+17"/>
        <source>Could not read the chunks to embed</source>
        <translation>Die Abschnitte für die Embeddings konnten nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The embeddings have different dimensions.</source>
        <translation>Die Embeddings haben unterschiedliche Dimensionen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+13"/>
        <source>Could not store the embeddings</source>
        <translation>Die Embeddings konnten nicht gespeichert werden</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+15"/>
        <source>Could not read the embeddings</source>
        <translation>Die Embeddings konnten nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Could not log the query</source>
        <translation>Die Suchanfrage konnte nicht protokolliert werden</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not read the query log</source>
        <translation>Das Protokoll der Suchanfragen konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+8"/>
        <source>Could not attach the knowledge bases</source>
        <translation>Die Wissensdatenbanken konnten nicht verknüpft werden</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Could not read the chat&apos;s knowledge bases</source>
        <translation>Die Wissensdatenbanken des Chats konnten nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Could not store the citations</source>
        <translation>Die Quellenangaben konnten nicht gespeichert werden</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Could not read the citations</source>
        <translation>Die Quellenangaben konnten nicht gelesen werden</translation>
    </message>
</context>
<context>
    <name>cairn::LlmErrors</name>
    <message>
        <location filename="../src/llm/Protocol.cpp" line="+29"/>
        <source>The server sent text that is not valid UTF-8.</source>
        <translation>Der Server hat Text gesendet, der kein gültiges UTF-8 ist.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server sent malformed JSON (%1 at byte %2).</source>
        <translation>Der Server hat fehlerhaftes JSON gesendet (%1 bei Byte %2).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server sent JSON that is not an object.</source>
        <translation>Der Server hat JSON gesendet, das kein Objekt ist.</translation>
    </message>
    <message>
        <location line="+51"/>
        <location line="+8"/>
        <source>The server&apos;s %1 list is malformed.</source>
        <translation>Die %1-Liste des Servers ist fehlerhaft.</translation>
    </message>
    <message>
        <location line="+69"/>
        <location line="+319"/>
        <location line="+192"/>
        <source>The server reported an error mid-answer: %1</source>
        <translation>Der Server hat mitten in der Antwort einen Fehler gemeldet: %1</translation>
    </message>
    <message>
        <location line="-453"/>
        <location line="+541"/>
        <source>The server&apos;s model list has no &quot;data&quot; array.</source>
        <translation>Die Modellliste des Servers enthält kein &quot;data&quot;-Array.</translation>
    </message>
    <message>
        <location line="-452"/>
        <source>The server&apos;s answer has no choices.</source>
        <translation>Die Antwort des Servers enthält keine Antwortvarianten.</translation>
    </message>
    <message>
        <location line="+46"/>
        <location line="+275"/>
        <source>embedding</source>
        <translation>Embedding</translation>
    </message>
    <message>
        <location line="-116"/>
        <source>The server&apos;s model list has no &quot;models&quot; array.</source>
        <translation>Die Modellliste des Servers enthält kein &quot;models&quot;-Array.</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>The server&apos;s answer has no message.</source>
        <translation>Die Antwort des Servers enthält keine Nachricht.</translation>
    </message>
    <message>
        <location line="+238"/>
        <source>The server&apos;s answer has no content.</source>
        <translation>Die Antwort des Servers enthält keinen Inhalt.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Anthropic servers offer no embeddings.</source>
        <translation>Anthropic-Server bieten keine Embeddings an.</translation>
    </message>
    <message>
        <location line="+145"/>
        <source>The server rejected the API key (HTTP %1)%2</source>
        <translation>Der Server hat den API-Schlüssel abgelehnt (HTTP %1)%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server is rate-limiting requests (HTTP 429)%1</source>
        <translation>Der Server begrenzt die Anzahl der Anfragen (HTTP 429)%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The conversation is too long for the model&apos;s context window%1</source>
        <translation>Die Unterhaltung ist zu lang für das Kontextfenster des Modells%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The model was not found on the server%1</source>
        <translation>Das Modell wurde auf dem Server nicht gefunden%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model “%1” was not found on the server%2</source>
        <translation>Das Modell „%1“ wurde auf dem Server nicht gefunden%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server answered 404 Not Found; check the base URL and the model name%1</source>
        <translation>Der Server hat mit 404 Not Found geantwortet; prüfen Sie die Basis-URL und den Modellnamen%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server failed (HTTP %1)%2</source>
        <translation>Beim Server ist ein Fehler aufgetreten (HTTP %1)%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The server refused the request (HTTP %1)%2</source>
        <translation>Der Server hat die Anfrage zurückgewiesen (HTTP %1)%2</translation>
    </message>
    <message>
        <location filename="../src/llm/HttpExchange.cpp" line="+176"/>
        <source>The stream exceeded %1 MiB; it was abandoned.</source>
        <translation>Der Datenstrom hat %1 MiB überschritten; er wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The server&apos;s response exceeded %1 MiB; it was abandoned.</source>
        <translation>Die Antwort des Servers hat %1 MiB überschritten; sie wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The TLS certificate of %1 is not trusted: %2. Its SHA-256 fingerprint is %3; trust it in the connection&apos;s settings only if you know it is right.</source>
        <translation>Das TLS-Zertifikat von %1 ist nicht vertrauenswürdig: %2. Sein SHA-256-Fingerabdruck lautet %3; vertrauen Sie ihm in den Einstellungen der Verbindung nur, wenn Sie wissen, dass es das richtige ist.</translation>
    </message>
    <message>
        <location line="+66"/>
        <source> (the server asks to wait %1 s)</source>
        <translation> (der Server bittet, %1 s zu warten)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The TLS connection to %1 failed: %2</source>
        <translation>Die TLS-Verbindung zu %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server at %1 closed the connection mid-answer.</source>
        <translation>Der Server unter %1 hat die Verbindung mitten in der Antwort geschlossen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server at %1 closed the connection without answering.</source>
        <translation>Der Server unter %1 hat die Verbindung geschlossen, ohne zu antworten.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot reach the server: the host %1 was not found.</source>
        <translation>Der Server ist nicht erreichbar: Der Host %1 wurde nicht gefunden.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot reach the server at %1: the connection was refused. Is it running?</source>
        <translation>Der Server unter %1 ist nicht erreichbar: Die Verbindung wurde abgelehnt. Läuft er?</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The connection to %1 broke mid-answer: %2</source>
        <translation>Die Verbindung zu %1 ist mitten in der Antwort abgebrochen: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot reach the server at %1: %2</source>
        <translation>Der Server unter %1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>The server at %1 redirected to %2, another origin. Cairn does not follow it, so neither your key nor your messages go there; if %2 is right, use it as the connection&apos;s base URL.</source>
        <translation>Der Server unter %1 hat auf %2 umgeleitet, einen anderen Ursprung. Cairn folgt dieser Umleitung nicht, sodass weder Ihr Schlüssel noch Ihre Nachrichten dorthin gelangen; wenn %2 richtig ist, verwenden Sie diese Adresse als Basis-URL der Verbindung.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The server redirected more than 5 times.</source>
        <translation>Der Server hat mehr als 5-mal umgeleitet.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The server moved this address to %1 (HTTP %2); update the connection&apos;s base URL.</source>
        <translation>Der Server hat diese Adresse nach %1 verlegt (HTTP %2); bitte die Basis-URL der Verbindung anpassen.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Could not connect to %1 within %2 s.</source>
        <translation>Zu %1 konnte innerhalb von %2 s keine Verbindung hergestellt werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server at %1 sent no answer within %2 s.</source>
        <translation>Der Server unter %1 hat innerhalb von %2 s keine Antwort gesendet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server at %1 stopped sending for %2 s; the answer was cut off.</source>
        <translation>Der Server unter %1 hat %2 s lang nichts gesendet; die Antwort wurde abgeschnitten.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The answer from %1 did not finish within %2 s; it was cut off.</source>
        <translation>Die Antwort von %1 war nicht innerhalb von %2 s vollständig; sie wurde abgeschnitten.</translation>
    </message>
    <message>
        <location line="+16"/>
        <location filename="../src/llm/LlmClient.cpp" line="+293"/>
        <location line="+91"/>
        <source>Stopped.</source>
        <translation>Angehalten.</translation>
    </message>
    <message>
        <location filename="../src/llm/LlmClient.cpp" line="-257"/>
        <source>The stream ended before the answer was complete; what arrived is kept.</source>
        <translation>Der Datenstrom endete, bevor die Antwort vollständig war; was bereits angekommen ist, bleibt erhalten.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The server reported an error: %1</source>
        <translation>Der Server meldete einen Fehler: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The server answered with JSON that is neither an answer nor an error: %1</source>
        <translation>Der Server antwortete mit JSON, das weder eine Antwort noch ein Fehler ist: %1</translation>
    </message>
    <message>
        <location line="+154"/>
        <source>This kind of server offers no embeddings.</source>
        <translation>Dieser Servertyp bietet keine Embeddings an.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The server returned %1 embeddings for %2 texts.</source>
        <translation>Der Server hat %1 Embeddings für %2 Texte zurückgegeben.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The server returned embeddings of different dimensions.</source>
        <translation>Der Server hat Embeddings unterschiedlicher Dimension zurückgegeben.</translation>
    </message>
</context>
<context>
    <name>cairn::MainWindow</name>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="+53"/>
        <source>Cairn</source>
        <translation>Cairn</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sections</source>
        <translation>Bereiche</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folders</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+25"/>
        <source>Added the connection “%1”.</source>
        <translation>Verbindung „%1“ hinzugefügt.</translation>
    </message>
    <message>
        <location line="+35"/>
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
        <location line="+59"/>
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
    <name>cairn::SearchDialog</name>
    <message>
        <location filename="../src/gui/chat/SearchDialog.cpp" line="+72"/>
        <source>Between</source>
        <translation>Zwischen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Search chats</source>
        <translation>Chats durchsuchen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search for</source>
        <translation>Suchen nach</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Words or “a phrase” in any language</source>
        <translation>Wörter oder „eine Wendung“ in jeder Sprache</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All folders</source>
        <translation>Alle Ordner</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tag</source>
        <translation>Schlagwort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any tag</source>
        <translation>Jedes Schlagwort</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any model</source>
        <translation>Jedes Modell</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Archived chats</source>
        <translation>Archivierte Chats</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active and archived</source>
        <translation>Aktive und archivierte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Active only</source>
        <translation>Nur aktive</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Archived only</source>
        <translation>Nur archivierte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only messages between two dates</source>
        <translation>Nur Nachrichten zwischen zwei Daten</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>and</source>
        <translation>und</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Searching…</source>
        <translation>Suche läuft …</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>you</source>
        <translation>Sie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+5"/>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No matches.</source>
        <translation>Keine Treffer.</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n match(es).</source>
        <translation>
            <numerusform>%n Treffer.</numerusform>
            <numerusform>%n Treffer.</numerusform>
        </translation>
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
    <name>cairn::ServerOffersBar</name>
    <message>
        <location filename="../src/gui/panes/ConnectionsPage.cpp" line="+19"/>
        <source>Model servers found on this computer</source>
        <translation>Auf diesem Computer gefundene Modellserver</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cairn found %1 at %2 with %3.</source>
        <translation>Cairn hat %1 unter %2 gefunden (%3).</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add %1 as a connection</source>
        <translation>%1 als Verbindung hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismiss the offer of %1</source>
        <translation>Vorschlag für %1 ausblenden</translation>
    </message>
</context>
<context>
    <name>cairn::SqlCipherDriver</name>
    <message>
        <location filename="../src/storage/sqlcipher/SqlCipherDriver.cpp" line="+247"/>
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
        <location line="+31"/>
        <location line="+5"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>cairn::StreamParsers</name>
    <message>
        <location filename="../src/llm/StreamParsers.cpp" line="+13"/>
        <source>The server sent a line longer than %1 MiB; the stream was abandoned.</source>
        <translation>Der Server hat eine Zeile gesendet, die länger als %1 MiB ist; der Datenstrom wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+138"/>
        <source>The server sent an event larger than %1 MiB; the stream was abandoned.</source>
        <translation>Der Server schickte ein Ereignis größer als %1 MiB; der Datenstrom wurde abgebrochen.</translation>
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
<context>
    <name>cairn::knowledge::DocumentReader</name>
    <message>
        <location filename="../src/knowledge/DocumentReader.cpp" line="+101"/>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HTML</source>
        <translation>HTML</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>source code</source>
        <translation>Quelltext</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Word document</source>
        <translation>Word-Dokument</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unsupported</source>
        <translation>nicht unterstützt</translation>
    </message>
    <message>
        <location line="+439"/>
        <source>Could not open “%1”: %2</source>
        <translation>„%1“ konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>“%1” is empty.</source>
        <translation>„%1“ ist leer.</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+40"/>
        <source>“%1” contains binary data, not text (is it really %2?).</source>
        <translation>„%1“ enthält Binärdaten statt Text (ist es wirklich %2?).</translation>
    </message>
    <message>
        <location line="-338"/>
        <source>Could not read “%1”: %2</source>
        <translation>„%1“ konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Reading “%1” was cancelled.</source>
        <translation>Das Lesen von „%1“ wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>“%1” is too large for a %2 (%3 MB at most).</source>
        <translation>„%1“ ist als %2 zu groß (höchstens %3 MB).</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>it is larger than it was</source>
        <translation>die Datei ist größer geworden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>it ended early (%1)</source>
        <translation>die Datei endet vorzeitig (%1)</translation>
    </message>
    <message>
        <location line="+51"/>
        <location line="+11"/>
        <source>“%1” could not be read as a PDF (the file is damaged).</source>
        <translation>„%1“ konnte nicht als PDF gelesen werden (die Datei ist beschädigt).</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>“%1” is an encrypted PDF; remove its password and add it again.</source>
        <translation>„%1“ ist ein verschlüsseltes PDF; entfernen Sie das Passwort und fügen Sie die Datei erneut hinzu.</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>“%1” could not be read as a Word document (the file is damaged).</source>
        <translation>„%1“ konnte nicht als Word-Dokument gelesen werden (die Datei ist beschädigt).</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>“%1” is not a Word document (it has no word/document.xml).</source>
        <translation>„%1“ ist kein Word-Dokument (word/document.xml fehlt).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“%1” is an encrypted Word document; remove its password and add it again.</source>
        <translation>„%1“ ist ein verschlüsseltes Word-Dokument; entfernen Sie das Passwort und fügen Sie die Datei erneut hinzu.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>“%1” unpacks to more than %2 MB of text (or over %3 times its packed size); it is refused as a possible zip bomb.</source>
        <translation>„%1“ ergibt entpackt mehr als %2 MB Text (oder mehr als das %3-Fache der gepackten Größe); die Datei wird als mögliche Zip-Bombe abgelehnt.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>“%1” is not a supported document (text, Markdown, HTML, PDF, Word .docx, CSV or source code).</source>
        <translation>„%1“ ist kein unterstütztes Dokument (Text, Markdown, HTML, PDF, Word .docx, CSV oder Quelltext).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>“%1” holds more than %2 million characters of text; split it into smaller files.</source>
        <translation>„%1“ enthält mehr als %2 Millionen Zeichen Text; teilen Sie die Datei in kleinere Dateien auf.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>“%1” has no text (a scanned PDF needs text recognition first).</source>
        <translation>„%1“ enthält keinen Text (ein gescanntes PDF braucht zuerst eine Texterkennung).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” has no text.</source>
        <translation>„%1“ enthält keinen Text.</translation>
    </message>
</context>
<context>
    <name>cairn::knowledge::KnowledgeService</name>
    <message>
        <location filename="../src/knowledge/KnowledgeService.cpp" line="+106"/>
        <source>the stored file is shorter than recorded</source>
        <translation>die gespeicherte Datei ist kürzer als verzeichnet</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a part of the stored file is missing</source>
        <translation>ein Teil der gespeicherten Datei fehlt</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Embedding failed: %1</source>
        <translation>Embedding fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Could not open “%1”: %2</source>
        <translation>„%1“ konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>“%1” is not a supported document (text, Markdown, HTML, PDF, Word .docx, CSV or source code).</source>
        <translation>„%1“ ist kein unterstütztes Dokument (Text, Markdown, HTML, PDF, Word .docx, CSV oder Quelltext).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>“%1” is empty.</source>
        <translation>„%1“ ist leer.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+69"/>
        <location line="+14"/>
        <source>Could not read “%1”: %2</source>
        <translation>„%1“ konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="-31"/>
        <location line="+559"/>
        <source>“%1” has no text.</source>
        <translation>„%1“ enthält keinen Text.</translation>
    </message>
    <message>
        <location line="-238"/>
        <source>“%1” does not exist.</source>
        <translation>„%1“ existiert nicht.</translation>
    </message>
    <message>
        <location line="+152"/>
        <location line="+207"/>
        <location filename="../src/knowledge/KnowledgeBackend.cpp" line="+360"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>This knowledge base has no embedding model.</source>
        <translation>Diese Wissensdatenbank hat kein Embedding-Modell.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The embedding model returned %1 vectors for %2 texts.</source>
        <translation>Das Embedding-Modell hat %1 Vektoren für %2 Texte zurückgegeben.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The embedding model returned an empty vector.</source>
        <translation>Das Embedding-Modell hat einen leeren Vektor zurückgegeben.</translation>
    </message>
    <message>
        <location line="+113"/>
        <source>%1 has no embedding model</source>
        <translation>%1 hat kein Embedding-Modell</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 has no embeddings yet</source>
        <translation>%1 hat noch keine Embeddings</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the embedding model returned no vector</source>
        <translation>das Embedding-Modell hat keinen Vektor zurückgegeben</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the embedding model now returns vectors of %1 dimensions, not %2; re-index the base</source>
        <translation>das Embedding-Modell liefert jetzt Vektoren mit %1 Dimensionen statt %2; indizieren Sie die Wissensdatenbank neu</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Vector search is not possible: %1.</source>
        <translation>Die Vektorsuche ist nicht möglich: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keyword search only: %1.</source>
        <translation>Nur Stichwortsuche: %1.</translation>
    </message>
    <message>
        <location line="-779"/>
        <source>The chunk is no longer there.</source>
        <translation>Der Abschnitt ist nicht mehr vorhanden.</translation>
    </message>
</context>
</TS>
