#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QCommandLineParser>
#include <QStringList>

#include <memory>

namespace cairn {

class ConnectionService;
class Database;
class SecretStore;
class Vault;

// cairn-cli: scriptable access to Cairn's data. Errors are one line on stderr; exit codes:
//   0 success, 1 failure, 2 usage error, 3 wrong passphrase or not a Cairn database,
//   4 database from a newer Cairn, 5 no keychain available.
class CliApp
{
public:
    enum Exit { Ok = 0, Failure = 1, Usage = 2, WrongKey = 3, NewerSchema = 4, NoKeychain = 5 };

    static int run(const QStringList &arguments);

private:
    explicit CliApp(QCommandLineParser &parser);
    ~CliApp();
    int dispatch(const QStringList &words);
    int dbCreate();
    int dbCheck();
    int dbInfo();
    int dbRekey();
    int dbImportPlain(const QStringList &words);
    int connectionCommand(const QStringList &words);
    int modelsCommand(const QStringList &words);
    int chatCommand(const QStringList &words);
    int importCommand(const QStringList &words);
    int exportCommand(const QStringList &words);
    int chatsCommand(const QStringList &words);
    int searchCommand(const QStringList &words);
    int kbCommand(const QStringList &words);
    int kbCreate(const QStringList &words);
    int kbList(const QStringList &words);
    int kbAdd(const QStringList &words);
    int kbSearch(const QStringList &words);
    int kbDocs(const QStringList &words);
    int kbDelete(const QStringList &words);
    ConnectionService &connections(const std::shared_ptr<Database> &db);

    Result<QByteArray> passphrase(const QString &fileOption, const QString &fdOption) const;
    bool hasPassphraseOption() const;
    Result<std::shared_ptr<Database>> unlock();
    Vault &vault();
    int fail(const Error &e) const;
    int usage(const QString &message) const;
    static void out(const QString &line);
    static void err(const QString &line);
    static QString printable(const QString &text);

    QCommandLineParser &m_parser;
    QString m_dataDir;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<Vault> m_vault;
    std::unique_ptr<ConnectionService> m_connections;
};

} // namespace cairn
