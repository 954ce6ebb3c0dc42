#pragma once

#include "common/Result.h"
#include "storage/DatabaseKey.h"

#include <QHash>
#include <QMutex>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class QThread;

namespace cairn {

// One encrypted Cairn database file. Opening verifies the key, refuses a database from a newer
// Cairn and applies pending migrations. Each thread gets its own QSqlDatabase connection through
// connection(), cloned from the first one with the same key; a connection must only be used on its
// own thread, and a worker thread calls closeThreadConnection() before it ends.
class Database
{
public:
    struct Options {
        QString path;
        DatabaseKey key;
        bool create = false;
        bool readOnly = false;
        bool migrate = true;
        int busyTimeoutMs = 5000;
    };

    struct Info {
        QString path;
        int schemaVersion = 0;
        int latestSchemaVersion = 0;
        QString sqlcipherVersion;
        QString sqliteVersion;
        QString cipherProvider;
        qint64 fileBytes = 0;
        qint64 walBytes = 0;
        qint64 pageCount = 0;
        int pageSize = 0;
        QString journalMode;
    };

    static Result<std::shared_ptr<Database>> open(const Options &options);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    QString path() const { return m_options.path; }
    DatabaseKey::Kind keyKind() const { return options().key.kind(); }

    // The calling thread's connection, opened on first use.
    Result<QSqlDatabase> threadConnection();
    // Convenience for the thread that opened the database.
    QSqlDatabase connection();
    void closeThreadConnection();
    int openConnectionCount() const;

    Result<Info> info();
    // PRAGMA integrity_check, PRAGMA cipher_integrity_check and PRAGMA foreign_key_check.
    // Returns the problems found (empty: healthy).
    Result<QStringList> check();
    // Re-keys the file in place (SQLCipher's sqlite3_rekey). Every other thread's connection must be
    // closed first, and no thread can open one until it is done. Afterwards the calling thread's
    // connection is closed (call threadConnection() again) and the result is verified with a fresh
    // handle: success means the new key opens the file. Errors: InvalidArgument (refused, nothing
    // changed), Generic (failed, the old key still opens the file), Interrupted (neither key could
    // be confirmed). A crash during the re-key leaves the file under the old or the new key.
    Result<void> rekey(const DatabaseKey &newKey);
    // Whether `key` opens this database file (a separate read-only handle; writes nothing).
    bool keyOpens(const DatabaseKey &key) const;

    // Creates a new encrypted database at target.path from an unencrypted SQLite database
    // (sqlcipher_export), then applies Cairn's migrations. The source is not modified.
    static Result<std::shared_ptr<Database>> importPlaintext(const QString &plainPath, const Options &target);

    static Error errorFrom(const QSqlError &e, const QString &context);
    // Runs work inside one transaction on db: committed when it succeeds, rolled back when it fails
    // (its error is returned) or when the commit fails.
    static Result<void> inTransaction(QSqlDatabase &db, const std::function<Result<void>()> &work);

private:
    explicit Database(Options options);
    Result<QSqlDatabase> openConnection(const QString &name);

    Options options() const;

    Options m_options; // guarded by m_mutex after open()
    QString m_baseName;
    mutable QMutex m_mutex;
    QHash<QThread *, QString> m_connections;
    QThread *m_rekeyingThread = nullptr; // while set, other threads cannot open connections
};

} // namespace cairn
