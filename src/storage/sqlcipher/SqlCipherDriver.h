#pragma once

#include <QCoreApplication>
#include <QList>
#include <QSqlDriver>
#include <QSqlError>

struct sqlite3;

namespace cairn {

class SqlCipherResult;

// A Qt SQL driver over SQLCipher's sqlite3 C API, registered as "QSQLCIPHER", so QSqlDatabase,
// QSqlQuery, QSqlQueryModel and QSqlTableModel work over an encrypted database.
//
// QSqlDatabase::open() arguments:
//   databaseName  the file path
//   password      the key: a passphrase (SQLCipher's KDF derives the key) or, with the
//                 CAIRN_RAW_KEY option, 64 hex digits used as the raw 256-bit key (no KDF).
//                 Empty: an unencrypted SQLite database (benchmarks, plaintext import).
//   connect options, separated by ';':
//     CAIRN_RAW_KEY           the password is a raw hex key
//     CAIRN_CREATE            create the file (mode 0600) when missing; otherwise it must exist
//     CAIRN_READONLY          open read-only
//     CAIRN_BUSY_TIMEOUT=ms   how long to wait for a lock (default 5000)
//     CAIRN_JOURNAL=WAL|DELETE  journal mode (default WAL)
//     CAIRN_CACHE_KB=n        page cache per connection in KiB (default 65536; it fills only as pages are
//     read)
//
// The key is applied first, before any other statement; the key is then verified by reading the
// schema, and a wrong key fails open() with "wrong passphrase, or not a Cairn database" without
// writing to the file. After that: WAL, foreign keys on, a busy timeout.
//
// Threads: one connection per thread. A QSqlDatabase (and the QSqlQuery objects on it) must only be
// used on the thread that opened it; other threads open their own connection (see Database).
class SqlCipherDriver final : public QSqlDriver
{
    Q_OBJECT
public:
    static constexpr const char *kName = "QSQLCIPHER";
    static constexpr const char *kWrongKeyText
        = QT_TRANSLATE_NOOP("cairn::SqlCipherDriver", "wrong passphrase, or not a Cairn database");

    // Applied after the key on every encrypted connection (see open()).
    static constexpr const char *kCipherSettings = "PRAGMA cipher_hmac_algorithm = HMAC_SHA256";

    explicit SqlCipherDriver(QObject *parent = nullptr);
    ~SqlCipherDriver() override;

    // Registers the driver with QSqlDatabase and routes SQLite's and SQLCipher's logs into ours.
    // Idempotent, thread-safe.
    static void registerDriver();

    bool hasFeature(DriverFeature feature) const override;
    bool open(const QString &db, const QString &user, const QString &password, const QString &host, int port,
        const QString &connOpts) override;
    void close() override;
    QSqlResult *createResult() const override;
    bool beginTransaction() override;
    bool commitTransaction() override;
    bool rollbackTransaction() override;
    QStringList tables(QSql::TableType type) const override;
    QSqlRecord record(const QString &tableName) const override;
    QSqlIndex primaryIndex(const QString &tableName) const override;
    QString escapeIdentifier(const QString &identifier, IdentifierType type) const override;
    bool isIdentifierEscaped(const QString &identifier, IdentifierType type) const override;
    QString formatValue(const QSqlField &field, bool trimStrings = false) const override;
    QVariant handle() const override;

    sqlite3 *connection() const { return m_db; }
    // Runs several ';'-separated statements (migrations). Returns false and sets lastError() on
    // failure.
    bool execScript(const QString &sql);

    static QString sqliteVersion();
    // Empty when the linked SQLCipher is one Cairn supports (SQLCipher >= 4.5 with FTS5); otherwise
    // what is wrong. open() refuses to run on an unsupported build.
    static QString runtimeProblem();

    // Whether `password` (a passphrase, or 64 hex digits when rawKey) opens the file at `path`.
    // Uses a separate, read-only handle and writes nothing.
    static bool keyOpens(const QString &path, const QString &password, bool rawKey);

private:
    friend class SqlCipherResult;
    QSqlError makeError(const QString &what, QSqlError::ErrorType type, int rc) const;
    bool execSimple(const char *sql, const QString &what);
    void registerResult(SqlCipherResult *r) const;
    void unregisterResult(SqlCipherResult *r) const;

    sqlite3 *m_db = nullptr;
    mutable QList<SqlCipherResult *> m_results;
};

} // namespace cairn
