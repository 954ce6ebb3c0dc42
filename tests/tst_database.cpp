// Database: keying, migrations, refusal of a newer schema, plaintext import, re-key, checks and
// per-thread connections, over the real SQLCipher library.
#include "TestSupport.h"

#include "storage/Database.h"
#include "storage/Migrator.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace cairn;

namespace {
constexpr const char *kMigration0001Sha256 = "e971017c9bae1de8b4401cdf136c2b5fcee105cc5b98d0f1b00c011f8aae37f3";
}

class TestDatabase : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    Database::Options options(const QString &file, const DatabaseKey &key, bool create = true)
    {
        Database::Options o;
        o.path = m_dir.filePath(file);
        o.key = key;
        o.create = create;
        return o;
    }

    static QStringList tablesOf(Database &db) { return db.connection().tables(); }

private Q_SLOTS:
    void createsCoreSchema()
    {
        auto db = Database::open(options(QStringLiteral("core.db"), DatabaseKey::fromPassphrase("pw-core")));
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
        const QStringList tables = tablesOf(*db.value());
        for (const char *t : {"accounts", "chats", "messages", "folders", "tags", "chat_tags", "config",
                 "connections", "schema_migrations"})
            QVERIFY2(tables.contains(QLatin1String(t)), t);
        QSqlDatabase c = db.value()->connection();
        QSqlQuery q(c);
        QVERIFY(q.exec(QStringLiteral("SELECT version, name FROM schema_migrations")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QCOMPARE(q.value(1).toString(), QStringLiteral("core_schema"));
        q.finish();
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), Migrator().latestVersion());
        q.finish();
        // The message tree: parent links, usage and status per answer, cascade on delete.
        const qint64 now = 1;
        QVERIFY(q.exec(
            QStringLiteral("INSERT INTO chats (id, title, created_at, updated_at) VALUES ('c1', 't', %1, %1)")
                .arg(now)));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO messages (id, chat_id, role, content, created_at, "
                                      "updated_at) VALUES ('m1', 'c1', 'user', 'hi', 1, 1)")));
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO messages (id, chat_id, parent_id, role, content, status, prompt_tokens, "
            "completion_tokens, latency_ms, error, created_at, updated_at) "
            "VALUES ('m2', 'c1', 'm1', 'assistant', 'hello', 'error', 3, 5, 120, 'boom', 2, 2)")));
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO messages (id, chat_id, role, created_at, updated_at) "
                                       "VALUES ('m3', 'c1', 'robot', 1, 1)")));
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO messages (id, chat_id, parent_id, role, created_at, "
                                       "updated_at) VALUES ('m4', 'c1', 'nope', 'user', 1, 1)")));
        QVERIFY(q.exec(QStringLiteral("DELETE FROM messages WHERE id = 'm1'")));
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM messages")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        q.finish();
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO folders (id, name, created_at, updated_at) VALUES ('f1', 'Work', 1, 1)")));
        QVERIFY(!q.exec(QStringLiteral(
            "INSERT INTO folders (id, name, created_at, updated_at) VALUES ('f2', 'work', 1, 1)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO folders (id, parent_id, name, created_at, updated_at) "
                                      "VALUES ('f3', 'f1', 'Work', 1, 1)")));
    }

    void appliedMigrationsAreNeverEdited()
    {
        // Released migrations are immutable: change the schema with a new file instead. If this
        // fails, an applied migration was edited.
        const QList<Migration> builtin = Migrator::builtin();
        QVERIFY(!builtin.isEmpty());
        QCOMPARE(builtin.first().version, 1);
        QCOMPARE(QCryptographicHash::hash(builtin.first().sql.toUtf8(), QCryptographicHash::Sha256).toHex(),
                 QByteArray(kMigration0001Sha256));
    }

    void migrationsApplyOnceAndRecord()
    {
        const QList<Migration> two = {
            {1, QStringLiteral("one"), QStringLiteral("CREATE TABLE one (v); INSERT INTO one VALUES (1);")},
            {2, QStringLiteral("two"), QStringLiteral("CREATE TABLE two (v);")}};
        const QString name = QStringLiteral("mig");
        QSqlDatabase db
            = test::openConnection(name, m_dir.filePath(QStringLiteral("mig.db")), QStringLiteral("pw"));
        QVERIFY(db.isOpen());
        Migrator m1({two.at(0)});
        auto applied = m1.migrate(db);
        QVERIFY(applied.ok());
        QCOMPARE(applied.value(), 1);
        applied = Migrator(two).migrate(db);
        QVERIFY(applied.ok());
        QCOMPARE(applied.value(), 1); // only the new one
        applied = Migrator(two).migrate(db);
        QCOMPARE(applied.value(), 0);
        QCOMPARE(Migrator::currentVersion(db).value(), 2);
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM one")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        q.finish();

        // A failing migration is rolled back whole and not recorded.
        Migrator broken({two.at(0), two.at(1),
            {3, QStringLiteral("broken"),
                QStringLiteral("CREATE TABLE three (v); INSERT INTO nowhere VALUES (1);")}});
        auto failed = broken.migrate(db);
        QVERIFY(!failed.ok());
        QVERIFY(failed.error().message.contains(QStringLiteral("rolled back")));
        QCOMPARE(Migrator::currentVersion(db).value(), 2);
        QVERIFY(!db.tables().contains(QStringLiteral("three")));
        q = QSqlQuery();
        db = QSqlDatabase();
        test::closeConnection(name);
    }

    void newerSchemaIsRefusedUntouched()
    {
        const Database::Options o
            = options(QStringLiteral("newer.db"), DatabaseKey::fromPassphrase("pw-newer"));
        {
            auto db = Database::open(o);
            QVERIFY(db.ok());
            QSqlDatabase c = db.value()->connection();
            QSqlQuery q(c);
            QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_migrations VALUES (999, 'future', 'x', 0)")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 999")));
        }
        QVERIFY(!QFile::exists(o.path + QStringLiteral("-wal"))
            || QFile(o.path + QStringLiteral("-wal")).size() == 0);
        const QByteArray before = test::readFile(o.path);
        Database::Options again = o;
        again.create = false;
        auto refused = Database::open(again);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::NewerSchema);
        QVERIFY(refused.error().message.contains(QStringLiteral("newer version of Cairn")));
        QCOMPARE(test::readFile(o.path), before);
    }

    void wrongKeyIsAClearError()
    {
        const Database::Options o
            = options(QStringLiteral("wrong.db"), DatabaseKey::fromPassphrase("right one"));
        {
            auto db = Database::open(o);
            QVERIFY(db.ok());
        }
        const QByteArray before = test::readFile(o.path);
        Database::Options bad = o;
        bad.create = false;
        bad.key = DatabaseKey::fromPassphrase("wrong one");
        auto r = Database::open(bad);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::WrongKey);
        QVERIFY(r.error().message.contains(QStringLiteral("wrong passphrase, or not a Cairn database")));
        QCOMPARE(test::readFile(o.path), before);
        // A file that is not a database at all gets the same answer and stays as it was.
        const QString junk = m_dir.filePath(QStringLiteral("junk.db"));
        QVERIFY(test::writeFile(junk, QByteArray(8192, 'j')));
        bad.path = junk;
        r = Database::open(bad);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::WrongKey);
        QCOMPARE(test::readFile(junk), QByteArray(8192, 'j'));
    }

    void rekeyInPlace()
    {
        Database::Options o = options(QStringLiteral("rekey.db"), DatabaseKey::fromPassphrase("old pass"));
        {
            auto db = Database::open(o);
            QVERIFY(db.ok());
            QSqlDatabase c = db.value()->connection();
            QVERIFY(QSqlQuery(c).exec(
                QStringLiteral("INSERT INTO config (key, value, updated_at) VALUES ('k', '\"v\"', 1)")));
            // Passphrase -> raw key -> new passphrase.
            const DatabaseKey raw = DatabaseKey::generateRaw();
            QVERIFY(db.value()->rekey(raw).ok());
            QVERIFY(db.value()->rekey(DatabaseKey::fromPassphrase("new pass")).ok());
            QCOMPARE(db.value()->keyKind(), DatabaseKey::Kind::Passphrase);
        }
        o.create = false;
        auto old = Database::open(o);
        QVERIFY(!old.ok());
        QCOMPARE(old.error().code, ErrorCode::WrongKey);
        o.key = DatabaseKey::fromPassphrase("new pass");
        auto reopened = Database::open(o);
        QVERIFY(reopened.ok());
        QSqlDatabase c = reopened.value()->connection();
        QSqlQuery q(c);
        QVERIFY(q.exec(QStringLiteral("SELECT value FROM config WHERE key = 'k'")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("\"v\""));
        q.finish();
        QVERIFY(reopened.value()->check().value().isEmpty());
        QVERIFY(!test::readFile(o.path).startsWith("SQLite format 3"));
    }

    void rekeyRefusedWithOtherConnectionsOpen()
    {
        auto db = Database::open(options(QStringLiteral("busy.db"), DatabaseKey::fromPassphrase("pw")));
        QVERIFY(db.ok());
        std::shared_ptr<Database> shared = db.value();
        QThread *t = QThread::create([shared]() { (void)shared->threadConnection(); });
        t->start();
        QVERIFY(t->wait(20000));
        delete t;
        QCOMPARE(shared->openConnectionCount(), 2);
        auto r = shared->rekey(DatabaseKey::fromPassphrase("other"));
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QStringLiteral("other connections")));
    }

    void importPlaintext()
    {
        const QString plain = m_dir.filePath(QStringLiteral("legacy.sqlite"));
        {
            QSqlDatabase p = test::openConnection(QStringLiteral("legacy"), plain, QString());
            QVERIFY(p.isOpen());
            QSqlQuery q(p);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO notes (body) VALUES ('secret diary entry')")));
            // Another program's schema version must not make Cairn skip its own migrations.
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 1")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode=DELETE")));
        }
        test::closeConnection(QStringLiteral("legacy"));
        const QByteArray plainBefore = test::readFile(plain);
        QVERIFY(plainBefore.startsWith("SQLite format 3"));

        Database::Options target
            = options(QStringLiteral("imported.db"), DatabaseKey::fromPassphrase("import pw"), false);
        auto db = Database::importPlaintext(plain, target);
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
        QSqlDatabase c = db.value()->connection();
        QSqlQuery q(c);
        QVERIFY(q.exec(QStringLiteral("SELECT body FROM notes")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("secret diary entry"));
        q.finish();
        QVERIFY(c.tables().contains(QStringLiteral("chats"))); // migrated too
        QSqlQuery(c).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        const QByteArray encrypted = test::readFile(target.path);
        QVERIFY(!encrypted.startsWith("SQLite format 3"));
        QVERIFY(!encrypted.contains("secret diary entry"));
        QCOMPARE(test::readFile(plain), plainBefore); // the source is untouched

        // Not a plaintext database, or an existing target: clear errors, nothing created.
        const QString notDb = m_dir.filePath(QStringLiteral("not-a-db.txt"));
        QVERIFY(test::writeFile(notDb, "hello"));
        Database::Options t2
            = options(QStringLiteral("imported2.db"), DatabaseKey::fromPassphrase("x"), false);
        auto bad = Database::importPlaintext(notDb, t2);
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.contains(QStringLiteral("not an unencrypted SQLite database")));
        QVERIFY(!QFile::exists(t2.path));
        auto exists = Database::importPlaintext(plain, target);
        QVERIFY(!exists.ok());
    }

    void infoAndCheck()
    {
        auto db = Database::open(options(QStringLiteral("info.db"), DatabaseKey::generateRaw()));
        QVERIFY(db.ok());
        auto info = db.value()->info();
        QVERIFY(info.ok());
        QCOMPARE(info->schemaVersion, Migrator().latestVersion());
        QVERIFY(info->sqlcipherVersion.startsWith(QLatin1Char('4')));
        QCOMPARE(info->journalMode, QStringLiteral("wal"));
        QVERIFY(info->fileBytes > 0);
        auto problems = db.value()->check();
        QVERIFY(problems.ok());
        QVERIFY2(problems->isEmpty(), qPrintable(problems->join(QLatin1Char('\n'))));
    }

    void damagedPageIsReported()
    {
        Database::Options o = options(QStringLiteral("damaged.db"), DatabaseKey::fromPassphrase("pw-damage"));
        {
            auto db = Database::open(o);
            QVERIFY(db.ok());
            QSqlDatabase c = db.value()->connection();
            QSqlQuery q(c);
            QVERIFY(c.transaction());
            q.prepare(QStringLiteral("INSERT INTO config (key, value, updated_at) VALUES (?, '\"x\"', 1)"));
            for (int i = 0; i < 300; ++i) {
                q.addBindValue(QStringLiteral("key-%1-%2").arg(i).arg(QString(200, QLatin1Char('p'))));
                QVERIFY(q.exec());
            }
            QVERIFY(c.commit());
            QVERIFY(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        }
        QByteArray bytes = test::readFile(o.path);
        QVERIFY(bytes.size() > 4096 * 8);
        bytes[4096 * 6 + 100] = static_cast<char>(bytes[4096 * 6 + 100] ^ 0x5a); // flip bits inside a page
        QVERIFY(test::writeFile(o.path, bytes));
        o.create = false;
        auto db = Database::open(o);
        QVERIFY(db.ok()); // page 1 is intact
        auto problems = db.value()->check();
        QVERIFY(problems.ok());
        // The page's HMAC no longer matches: SQLCipher's own check reports it.
        QVERIFY2(!problems->filter(QStringLiteral("cipher:")).isEmpty(), qPrintable(problems->join(QLatin1Char('\n'))));
    }

    void connectionPerThreadFromDatabase()
    {
        auto opened = Database::open(options(QStringLiteral("threads.db"), DatabaseKey::generateRaw()));
        QVERIFY(opened.ok());
        std::shared_ptr<Database> db = opened.value();
        std::atomic<int> ok {0};
        QList<QThread *> threads;
        for (int i = 0; i < 3; ++i) {
            threads << QThread::create([db, &ok, i]() {
                auto c = db->threadConnection();
                if (c.ok()) {
                    QSqlQuery q(c.value());
                    if (q.exec(QStringLiteral(
                            "INSERT INTO config (key, value, updated_at) VALUES ('t%1', '1', 1)")
                                   .arg(i)))
                        ++ok;
                }
                db->closeThreadConnection();
            });
        }
        for (QThread *t : threads)
            t->start();
        for (QThread *t : threads) {
            QVERIFY(t->wait(30000));
            delete t;
        }
        QCOMPARE(ok.load(), 3);
        QCOMPARE(db->openConnectionCount(), 1);
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM config WHERE key LIKE 't%'")) && q.next());
        QCOMPARE(q.value(0).toInt(), 3);
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
