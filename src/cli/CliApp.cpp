#include "cli/CliApp.h"

#include "common/DataLocation.h"
#include "common/Logging.h"
#include "common/SecretInput.h"
#include "common/Versions.h"
#include "secrets/KeychainSecretStore.h"
#include "services/ConnectionService.h"
#include "storage/Database.h"
#include "storage/Vault.h"
#include "storage/sqlcipher/SqlCipherDriver.h"
#include "storage/sqlcipher/SqlCipherLog.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTextStream>
#include <QTranslator>

#include <spdlog/spdlog.h>

#include <cstdio>

namespace cairn {

namespace {

const char *kCommandsHelp = QT_TRANSLATE_NOOP("cairn::CliApp",
    "Commands:\n"
    "  db create                 create the database (keychain mode; passphrase mode with\n"
    "                            --passphrase-file or --passphrase-fd)\n"
    "  db check                  integrity, cipher (HMAC) and foreign-key checks\n"
    "  db info                   schema version, SQLCipher version, size, key mode\n"
    "  db rekey                  change the key in place: --new-passphrase-file FILE,\n"
    "                            --new-passphrase-fd N, or --to-keychain\n"
    "  db import-plain SOURCE    create the encrypted database from an unencrypted SQLite file\n"
    "  connection add --name N --kind openai|ollama|anthropic --base-url URL [--key-file FILE]\n"
    "                 [--header \"Name: value\"]... [--azure-api-version V]\n"
    "                            add a model server connection (the key goes to the keychain)\n"
    "  connection list           one connection a line: name, kind, URL, state, key, id\n"
    "  connection remove NAME    remove a connection and its key\n"
    "  models --connection NAME  list (and remember) the models the server offers\n"
    "  chat --connection NAME [--model M] [--system S] [--temperature T] [--max-tokens N] [PROMPT]\n"
    "                            stream the answer to stdout (the prompt from stdin when none is\n"
    "                            given; thinking goes to stderr; --stats prints usage and timing)\n"
    "  import FILE               import chats: Cairn JSON, Open WebUI export or ChatGPT's\n"
    "                            conversations.json (detected); all or nothing, no duplicates\n"
    "  export --format json|md [--chat ID] OUT\n"
    "                            export one chat or all (OUT \"-\": standard output)\n"
    "  chats list [--archived]   one chat a line: id, title, last update\n"
    "  search QUERY [--limit N]  ranked hits: chat title and id, message id, snippet\n"
    "  kb create NAME [--chunk-size N] [--overlap N] [--description D]\n"
    "            [--connection C --model M]\n"
    "                            create a knowledge base (with an embedding model: vector search)\n"
    "  kb list                   one base a line: name, documents, chunks, size, embedding model, id\n"
    "  kb add NAME PATH...       add files or folders and index them (progress on stderr)\n"
    "  kb docs NAME              one document a line: status, chunks, name, error\n"
    "  kb search NAME QUERY [--mode keyword|vector|hybrid] [--top-k K]\n"
    "                            ranked chunks: rank, score, document, position, retriever, text\n"
    "  kb delete NAME            delete a knowledge base and its documents\n"
    "\n"
    "Exit codes: 0 success, 1 failure, 2 usage error, 3 wrong passphrase or not a Cairn database,\n"
    "4 database from a newer Cairn, 5 no keychain available.");

} // namespace

void CliApp::out(const QString &line)
{
    const QByteArray utf8 = line.toUtf8() + '\n';
    std::fwrite(utf8.constData(), 1, static_cast<size_t>(utf8.size()), stdout);
    std::fflush(stdout);
}

void CliApp::err(const QString &line)
{
    const QByteArray utf8 = line.toUtf8() + '\n';
    std::fwrite(utf8.constData(), 1, static_cast<size_t>(utf8.size()), stderr);
    std::fflush(stderr);
}

int CliApp::fail(const Error &e) const
{
    QString line = e.message;
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    const QByteArray utf8 = QStringLiteral("cairn-cli: %1\n").arg(line).toUtf8();
    std::fwrite(utf8.constData(), 1, static_cast<size_t>(utf8.size()), stderr);
    spdlog::error("cli: {}", line.toStdString());
    switch (e.code) {
    case ErrorCode::WrongKey:
        return WrongKey;
    case ErrorCode::NewerSchema:
        return NewerSchema;
    case ErrorCode::Unavailable:
        return NoKeychain;
    case ErrorCode::InvalidArgument:
        return Usage;
    default:
        return Failure;
    }
}

int CliApp::usage(const QString &message) const
{
    const QByteArray utf8
        = QStringLiteral("cairn-cli: %1\n")
              .arg(QCoreApplication::translate("cairn::CliApp", "%1 (see cairn-cli --help)").arg(message))
              .toUtf8();
    std::fwrite(utf8.constData(), 1, static_cast<size_t>(utf8.size()), stderr);
    return Usage;
}

CliApp::CliApp(QCommandLineParser &parser) : m_parser(parser) { }

CliApp::~CliApp() = default;

int CliApp::run(const QStringList &arguments)
{
    QCoreApplication::setApplicationName(QStringLiteral("cairn-cli"));
    QCoreApplication::setApplicationVersion(Versions::app());
    SqlCipherDriver::registerDriver();
    static QTranslator translator;
    // The user's language, else English (whose plural forms the messages need: "1 chat", "2 chats").
    const bool localised = QLocale().language() != QLocale::C
        && translator.load(
            QLocale(), QStringLiteral("cairn"), QStringLiteral("_"), QStringLiteral(":/cairn/translations"));
    if (localised || translator.load(QStringLiteral("cairn_en"), QStringLiteral(":/cairn/translations")))
        QCoreApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("cairn::CliApp", "Cairn's command-line tool.") + QStringLiteral("\n\n")
        + QCoreApplication::translate("cairn::CliApp", kCommandsHelp));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
        QCoreApplication::translate("cairn::CliApp", "Show this help."));
    const QCommandLineOption version(QStringLiteral("version"),
        QCoreApplication::translate("cairn::CliApp", "Show the versions of Cairn and its libraries."));
    parser.addOption(help);
    parser.addOption(version);
    parser.addOptions({
        {QStringLiteral("data-dir"),
            QCoreApplication::translate("cairn::CliApp",
                "Use DIR as the data directory (default: $CAIRN_DATA_DIR, then the platform's data "
                "location)."),
            QCoreApplication::translate("cairn::CliApp", "DIR")},
        {QStringLiteral("passphrase-file"),
            QCoreApplication::translate(
                "cairn::CliApp", "Read the passphrase from the first line of FILE (passphrase mode)."),
            QCoreApplication::translate("cairn::CliApp", "FILE")},
        {QStringLiteral("passphrase-fd"),
            QCoreApplication::translate(
                "cairn::CliApp", "Read the passphrase from file descriptor N (passphrase mode)."),
            QCoreApplication::translate("cairn::CliApp", "N")},
        {QStringLiteral("new-passphrase-file"),
            QCoreApplication::translate("cairn::CliApp", "db rekey: the new passphrase, from FILE."),
            QCoreApplication::translate("cairn::CliApp", "FILE")},
        {QStringLiteral("new-passphrase-fd"),
            QCoreApplication::translate(
                "cairn::CliApp", "db rekey: the new passphrase, from file descriptor N."),
            QCoreApplication::translate("cairn::CliApp", "N")},
        {QStringLiteral("to-keychain"),
            QCoreApplication::translate(
                "cairn::CliApp", "db rekey: switch to a random key kept in the system keychain.")},
        {QStringLiteral("log-level"),
            QCoreApplication::translate(
                "cairn::CliApp", "Log level: trace, debug, info, warn, error, critical or off."),
            QCoreApplication::translate("cairn::CliApp", "LEVEL")},
        {QStringLiteral("name"), QCoreApplication::translate("cairn::CliApp", "connection add: the name."),
            QCoreApplication::translate("cairn::CliApp", "NAME")},
        {QStringLiteral("kind"),
            QCoreApplication::translate("cairn::CliApp", "connection add: openai, ollama or anthropic."),
            QCoreApplication::translate("cairn::CliApp", "KIND")},
        {QStringLiteral("base-url"),
            QCoreApplication::translate("cairn::CliApp", "connection add: the server's base URL."),
            QCoreApplication::translate("cairn::CliApp", "URL")},
        {QStringLiteral("key-file"),
            QCoreApplication::translate(
                "cairn::CliApp", "connection add: read the API key from the first line of FILE."),
            QCoreApplication::translate("cairn::CliApp", "FILE")},
        {QStringLiteral("header"),
            QCoreApplication::translate(
                "cairn::CliApp", "connection add: an extra HTTP header (repeatable)."),
            QCoreApplication::translate("cairn::CliApp", "\"NAME: VALUE\"")},
        {QStringLiteral("azure-api-version"),
            QCoreApplication::translate("cairn::CliApp", "connection add: Azure OpenAI API version."),
            QCoreApplication::translate("cairn::CliApp", "VERSION")},
        {QStringLiteral("connection"),
            QCoreApplication::translate("cairn::CliApp", "models, chat, kb create: the connection to use."),
            QCoreApplication::translate("cairn::CliApp", "NAME")},
        {QStringLiteral("model"),
            QCoreApplication::translate("cairn::CliApp", "chat: the model; kb create: the embedding model."),
            QCoreApplication::translate("cairn::CliApp", "MODEL")},
        {QStringLiteral("system"), QCoreApplication::translate("cairn::CliApp", "chat: a system prompt."),
            QCoreApplication::translate("cairn::CliApp", "TEXT")},
        {QStringLiteral("temperature"),
            QCoreApplication::translate("cairn::CliApp", "chat: sampling temperature."),
            QCoreApplication::translate("cairn::CliApp", "T")},
        {QStringLiteral("max-tokens"),
            QCoreApplication::translate("cairn::CliApp", "chat: answer length limit."),
            QCoreApplication::translate("cairn::CliApp", "N")},
        {QStringLiteral("stats"),
            QCoreApplication::translate("cairn::CliApp", "chat: print tokens and timing to stderr.")},
        {QStringLiteral("format"), QCoreApplication::translate("cairn::CliApp", "export: json or md."),
            QCoreApplication::translate("cairn::CliApp", "FORMAT")},
        {QStringLiteral("chat"), QCoreApplication::translate("cairn::CliApp", "export: only this chat."),
            QCoreApplication::translate("cairn::CliApp", "ID")},
        {QStringLiteral("archived"),
            QCoreApplication::translate("cairn::CliApp", "chats list: the archived chats instead.")},
        {QStringLiteral("limit"),
            QCoreApplication::translate("cairn::CliApp", "search: at most N hits (20)."),
            QCoreApplication::translate("cairn::CliApp", "N")},
        {QStringLiteral("chunk-size"),
            QCoreApplication::translate(
                "cairn::CliApp", "kb create: chunk size in tokens (custom chunking)."),
            QCoreApplication::translate("cairn::CliApp", "N")},
        {QStringLiteral("overlap"),
            QCoreApplication::translate("cairn::CliApp", "kb create: tokens shared by neighbouring chunks."),
            QCoreApplication::translate("cairn::CliApp", "N")},
        {QStringLiteral("description"),
            QCoreApplication::translate("cairn::CliApp", "kb create: what the base holds."),
            QCoreApplication::translate("cairn::CliApp", "TEXT")},
        {QStringLiteral("mode"),
            QCoreApplication::translate("cairn::CliApp", "kb search: keyword, vector or hybrid."),
            QCoreApplication::translate("cairn::CliApp", "MODE")},
        {QStringLiteral("top-k"),
            QCoreApplication::translate("cairn::CliApp", "kb search: how many chunks (the base's setting)."),
            QCoreApplication::translate("cairn::CliApp", "K")},
        {QStringLiteral("verbose"),
            QCoreApplication::translate("cairn::CliApp", "Also write the log to stderr.")},
    });
    parser.addPositionalArgument(QStringLiteral("command"),
        QCoreApplication::translate("cairn::CliApp",
            "db … | connection … | models | chat [PROMPT] | import | export | chats | search | kb …"));

    if (!parser.parse(arguments)) {
        CliApp app(parser);
        return app.usage(parser.errorText());
    }
    if (parser.isSet(help)) {
        out(parser.helpText());
        return Ok;
    }
    if (parser.isSet(version)) {
        out(Versions::summary());
        return Ok;
    }
    CliApp app(parser);
    const QString level = parser.value(QStringLiteral("log-level"));
    if (!level.isEmpty() && !Logging::isValidLevel(level))
        return app.usage(QCoreApplication::translate("cairn::CliApp", "unknown log level %1").arg(level));
    app.m_dataDir = DataLocation::resolve(parser.value(QStringLiteral("data-dir")));
    Logging::init({DataLocation::logDirectory(app.m_dataDir), Logging::resolveLevel(level, {}),
        parser.isSet(QStringLiteral("verbose"))});
    Logging::installQtMessageHandler();
    const int code = app.dispatch(parser.positionalArguments());
    SqlCipherLog::shutdown();
    Logging::shutdown();
    return code;
}

int CliApp::dispatch(const QStringList &words)
{
    if (words.isEmpty())
        return usage(QCoreApplication::translate("cairn::CliApp", "no command given"));
    if (words.at(0) == QLatin1String("connection"))
        return connectionCommand(words);
    if (words.at(0) == QLatin1String("models"))
        return modelsCommand(words);
    if (words.at(0) == QLatin1String("chat"))
        return chatCommand(words);
    if (words.at(0) == QLatin1String("import"))
        return importCommand(words);
    if (words.at(0) == QLatin1String("export"))
        return exportCommand(words);
    if (words.at(0) == QLatin1String("chats"))
        return chatsCommand(words);
    if (words.at(0) == QLatin1String("search"))
        return searchCommand(words);
    if (words.at(0) == QLatin1String("kb"))
        return kbCommand(words);
    if (words.at(0) != QLatin1String("db") || words.size() < 2)
        return usage(QCoreApplication::translate("cairn::CliApp", "unknown command: %1")
                         .arg(words.join(QLatin1Char(' '))));
    const QString &sub = words.at(1);
    if (sub != QLatin1String("import-plain") && words.size() > 2)
        return usage(
            QCoreApplication::translate("cairn::CliApp", "unexpected argument: %1").arg(words.at(2)));
    if (sub == QLatin1String("create"))
        return dbCreate();
    if (sub == QLatin1String("check"))
        return dbCheck();
    if (sub == QLatin1String("info"))
        return dbInfo();
    if (sub == QLatin1String("rekey"))
        return dbRekey();
    if (sub == QLatin1String("import-plain"))
        return dbImportPlain(words);
    return usage(QCoreApplication::translate("cairn::CliApp", "unknown command: db %1").arg(sub));
}

Vault &CliApp::vault()
{
    if (!m_vault) {
        m_secrets = std::make_unique<KeychainSecretStore>();
        m_vault = std::make_unique<Vault>(m_dataDir, m_secrets.get());
    }
    return *m_vault;
}

bool CliApp::hasPassphraseOption() const
{
    return m_parser.isSet(QStringLiteral("passphrase-file"))
        || m_parser.isSet(QStringLiteral("passphrase-fd"));
}

Result<QByteArray> CliApp::passphrase(const QString &fileOption, const QString &fdOption) const
{
    if (m_parser.isSet(fileOption))
        return SecretInput::fromFile(m_parser.value(fileOption));
    if (m_parser.isSet(fdOption)) {
        bool ok = false;
        const int fd = m_parser.value(fdOption).toInt(&ok);
        if (!ok)
            return Error::make(ErrorCode::InvalidArgument,
                QCoreApplication::translate("cairn::CliApp", "--%1 needs a file descriptor number.")
                    .arg(fdOption));
        return SecretInput::fromFileDescriptor(fd);
    }
    return Error::make(
        ErrorCode::InvalidArgument, QCoreApplication::translate("cairn::CliApp", "no passphrase given"));
}

Result<std::shared_ptr<Database>> CliApp::unlock()
{
    if (!vault().exists())
        return Error::make(ErrorCode::NotFound,
            QCoreApplication::translate(
                "cairn::CliApp", "no database in %1 (create one with: cairn-cli db create)")
                .arg(m_dataDir));
    QByteArray pass;
    if (hasPassphraseOption()) {
        Result<QByteArray> p = passphrase(QStringLiteral("passphrase-file"), QStringLiteral("passphrase-fd"));
        if (!p)
            return p.error();
        pass = p.value();
    } else if (vault().needsPassphrase()) {
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate("cairn::CliApp",
                "this database is protected by a passphrase: give --passphrase-file FILE or --passphrase-fd "
                "N"));
    }
    return vault().unlock(pass);
}

int CliApp::dbCreate()
{
    Result<std::shared_ptr<Database>> db = Error {};
    if (hasPassphraseOption()) {
        Result<QByteArray> p = passphrase(QStringLiteral("passphrase-file"), QStringLiteral("passphrase-fd"));
        if (!p)
            return fail(p.error());
        db = vault().create(KeyMode::Passphrase, p.value());
    } else {
        db = vault().create(KeyMode::Keychain);
    }
    if (!db)
        return fail(db.error());
    out(QCoreApplication::translate("cairn::CliApp", "created %1 (%2 mode)")
            .arg(vault().databasePath(), keyModeName(vault().mode())));
    return Ok;
}

int CliApp::dbCheck()
{
    Result<std::shared_ptr<Database>> db = unlock();
    if (!db)
        return fail(db.error());
    Result<QStringList> problems = db.value()->check();
    if (!problems)
        return fail(problems.error());
    if (!problems->isEmpty()) {
        for (const QString &p : problems.value())
            out(p);
        return fail(Error::make(ErrorCode::Corrupt,
            QCoreApplication::translate("cairn::CliApp", "the database has %n problem(s)", nullptr,
                static_cast<int>(problems->size()))));
    }
    out(QCoreApplication::translate("cairn::CliApp", "ok: integrity, cipher integrity and foreign keys"));
    return Ok;
}

int CliApp::dbInfo()
{
    Result<std::shared_ptr<Database>> db = unlock();
    if (!db)
        return fail(db.error());
    Result<Database::Info> info = db.value()->info();
    if (!info)
        return fail(info.error());
    const Database::Info &i = info.value();
    out(QCoreApplication::translate("cairn::CliApp", "path: %1").arg(i.path));
    out(QCoreApplication::translate("cairn::CliApp", "schema version: %1 (this Cairn knows up to %2)")
            .arg(i.schemaVersion)
            .arg(i.latestSchemaVersion));
    out(QCoreApplication::translate("cairn::CliApp", "key mode: %1").arg(keyModeName(vault().mode())));
    out(QCoreApplication::translate("cairn::CliApp", "sqlcipher version: %1").arg(i.sqlcipherVersion));
    out(QCoreApplication::translate("cairn::CliApp", "sqlite version: %1").arg(i.sqliteVersion));
    out(QCoreApplication::translate("cairn::CliApp", "cipher provider: %1").arg(i.cipherProvider));
    out(QCoreApplication::translate("cairn::CliApp", "journal mode: %1").arg(i.journalMode));
    out(QCoreApplication::translate(
        "cairn::CliApp", "size: %1 bytes (%2 pages of %3 bytes; write-ahead log %4 bytes)")
            .arg(i.fileBytes)
            .arg(i.pageCount)
            .arg(i.pageSize)
            .arg(i.walBytes));
    return Ok;
}

int CliApp::dbRekey()
{
    const bool toKeychain = m_parser.isSet(QStringLiteral("to-keychain"));
    const bool newPass = m_parser.isSet(QStringLiteral("new-passphrase-file"))
        || m_parser.isSet(QStringLiteral("new-passphrase-fd"));
    if (toKeychain == newPass)
        return usage(QCoreApplication::translate("cairn::CliApp",
            "db rekey needs exactly one of --new-passphrase-file, --new-passphrase-fd or --to-keychain"));
    QByteArray newPassphrase;
    if (newPass) {
        Result<QByteArray> p
            = passphrase(QStringLiteral("new-passphrase-file"), QStringLiteral("new-passphrase-fd"));
        if (!p)
            return fail(p.error());
        newPassphrase = p.value();
    }
    Result<std::shared_ptr<Database>> db = unlock();
    if (!db)
        return fail(db.error());
    const QByteArray progress
        = QStringLiteral("cairn-cli: %1\n")
              .arg(QCoreApplication::translate("cairn::CliApp", "re-keying the database…"))
              .toUtf8();
    std::fwrite(progress.constData(), 1, static_cast<size_t>(progress.size()), stderr);
    std::fflush(stderr);
    Result<void> r = toKeychain ? vault().switchToKeychain(*db.value())
                                : vault().changePassphrase(*db.value(), newPassphrase);
    if (!r)
        return fail(r.error());
    out(QCoreApplication::translate("cairn::CliApp", "re-keyed %1 (%2 mode)")
            .arg(vault().databasePath(), keyModeName(vault().mode())));
    return Ok;
}

int CliApp::dbImportPlain(const QStringList &words)
{
    if (words.size() != 3)
        return usage(
            QCoreApplication::translate("cairn::CliApp", "db import-plain needs exactly one SOURCE file"));
    Result<std::shared_ptr<Database>> db = Error {};
    if (hasPassphraseOption()) {
        Result<QByteArray> p = passphrase(QStringLiteral("passphrase-file"), QStringLiteral("passphrase-fd"));
        if (!p)
            return fail(p.error());
        db = vault().importPlaintext(words.at(2), KeyMode::Passphrase, p.value());
    } else {
        db = vault().importPlaintext(words.at(2), KeyMode::Keychain);
    }
    if (!db)
        return fail(db.error());
    out(QCoreApplication::translate("cairn::CliApp", "imported %1 into %2 (%3 mode)")
            .arg(words.at(2), vault().databasePath(), keyModeName(vault().mode())));
    return Ok;
}

} // namespace cairn
