// Conformance of the QSQLCIPHER driver: everything QSqlDatabase, QSqlQuery, QSqlQueryModel and
// QSqlTableModel rely on, over the real SQLCipher library.
#include "TestSupport.h"

#include "storage/sqlcipher/SqlCipherDriver.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlQueryModel>
#include <QSqlRecord>
#include <QSqlTableModel>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif
#include <limits>

using namespace cairn;

class TestSqlCipherDriver : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;
    QSqlDatabase m_db;
    const QString m_conn = QStringLiteral("driver-test");
    const QString m_pass = QStringLiteral("correct horse battery staple");

    QSqlQuery exec(const QString &sql)
    {
        QSqlQuery q(m_db);
        if (!q.exec(sql))
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return q;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("driver.db"));
        m_db = test::openConnection(m_conn, m_path, m_pass);
        QVERIFY2(m_db.isOpen(), qPrintable(m_db.lastError().text()));
        QVERIFY(QSqlDatabase::drivers().contains(QStringLiteral("QSQLCIPHER")));
    }

    void cleanupTestCase()
    {
        m_db = QSqlDatabase();
        test::closeConnection(m_conn);
    }

    void supportedBuild()
    {
        QVERIFY2(SqlCipherDriver::runtimeProblem().isEmpty(), qPrintable(SqlCipherDriver::runtimeProblem()));
    }

    void features()
    {
        const QSqlDriver *d = m_db.driver();
        QVERIFY(d->hasFeature(QSqlDriver::Transactions));
        QVERIFY(d->hasFeature(QSqlDriver::PreparedQueries));
        QVERIFY(d->hasFeature(QSqlDriver::NamedPlaceholders));
        QVERIFY(d->hasFeature(QSqlDriver::PositionalPlaceholders));
        QVERIFY(d->hasFeature(QSqlDriver::LastInsertId));
        QVERIFY(d->hasFeature(QSqlDriver::BLOB));
        QVERIFY(d->hasFeature(QSqlDriver::Unicode));
        QVERIFY(!d->hasFeature(QSqlDriver::QuerySize));
    }

    void fileIsEncryptedAndPrivate()
    {
        QVERIFY(exec(QStringLiteral("CREATE TABLE IF NOT EXISTS canary (t TEXT)")).isActive());
        QVERIFY(exec(QStringLiteral("INSERT INTO canary VALUES ('plain-text-canary-12345')")).isActive());
        QVERIFY(exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")).isActive());
        const QByteArray bytes = test::readFile(m_path);
        QVERIFY(bytes.size() >= 4096);
        QVERIFY(!bytes.startsWith("SQLite format 3"));
        QVERIFY(!bytes.contains("plain-text-canary-12345"));
        QVERIFY(!bytes.contains("CREATE TABLE"));
#ifdef Q_OS_UNIX
        struct stat st {
        };
        QCOMPARE(::stat(QFile::encodeName(m_path).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        QCOMPARE(::stat(QFile::encodeName(m_path + QStringLiteral("-wal")).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
#endif
    }

    void pragmasAfterOpen()
    {
        QSqlQuery q = exec(QStringLiteral("PRAGMA journal_mode"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        q = exec(QStringLiteral("PRAGMA foreign_keys"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        q = exec(QStringLiteral("PRAGMA busy_timeout"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 5000);
        q = exec(QStringLiteral("PRAGMA cipher_version"));
        QVERIFY(q.next());
        QVERIFY2(q.value(0).toString().startsWith(QLatin1Char('4')), qPrintable(q.value(0).toString()));
        q = exec(QStringLiteral("PRAGMA cipher_hmac_algorithm"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("HMAC_SHA256"));
        q = exec(QStringLiteral("PRAGMA cache_size"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), -65536);
    }

    void busyTimeoutOption()
    {
        QSqlDatabase db = test::openConnection(
            QStringLiteral("busy"), m_path, m_pass, QStringLiteral("CAIRN_BUSY_TIMEOUT=1234"));
        QVERIFY(db.isOpen());
        {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA busy_timeout")) && q.next());
            QCOMPARE(q.value(0).toInt(), 1234);
        }
        db = QSqlDatabase();
        test::closeConnection(QStringLiteral("busy"));
    }

    void foreignKeysEnforced()
    {
        exec(QStringLiteral("CREATE TABLE parent (id INTEGER PRIMARY KEY)"));
        exec(QStringLiteral("CREATE TABLE child (id INTEGER PRIMARY KEY, p INTEGER REFERENCES parent(id))"));
        QSqlQuery q(m_db);
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO child (p) VALUES (42)")));
        QCOMPARE(q.lastError().nativeErrorCode(), QStringLiteral("787")); // SQLITE_CONSTRAINT_FOREIGNKEY
    }

    void positionalPlaceholders()
    {
        QVERIFY(exec(QStringLiteral("CREATE TABLE pos (a INTEGER, b TEXT)")).isActive());
        QSqlQuery q(m_db);
        QVERIFY(q.prepare(QStringLiteral("INSERT INTO pos (a, b) VALUES (?, ?)")));
        for (int i = 0; i < 3; ++i) {
            q.addBindValue(i);
            q.addBindValue(QStringLiteral("row %1").arg(i));
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        q.prepare(QStringLiteral("SELECT b FROM pos WHERE a = ?"));
        q.bindValue(0, 2);
        QVERIFY(q.exec());
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("row 2"));
    }

    void namedPlaceholders()
    {
        QSqlQuery q(m_db);
        QVERIFY(q.prepare(QStringLiteral("INSERT INTO pos (a, b) VALUES (:a, :b)")));
        q.bindValue(QStringLiteral(":b"), QStringLiteral("named"));
        q.bindValue(QStringLiteral(":a"), 10);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        // The same name twice, and a name inside a string literal that is not a placeholder.
        QVERIFY(q.prepare(QStringLiteral("SELECT b, ':a' FROM pos WHERE a = :a OR a = :a + 100")));
        q.bindValue(QStringLiteral(":a"), 10);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("named"));
        QCOMPARE(q.value(1).toString(), QStringLiteral(":a"));
        QVERIFY(!q.next());
    }

    void valueTypes()
    {
        QVERIFY(exec(QStringLiteral("CREATE TABLE types (n INTEGER, i INTEGER, d REAL, t TEXT, b BLOB, "
                                    "flag BOOLEAN, at DATETIME, day DATE)"))
                    .isActive());
        const QByteArray blob("\x00\x01\xff\x00zero\x00", 10);
        const QString text = QStringLiteral("Grüße, 你好, emoji \U0001F600, quote ' and \" done");
        const QDateTime utc(QDate(2026, 11, 22), QTime(10, 20, 30, 456), Qt::UTC);
        const QDateTime offset(QDate(2026, 1, 2), QTime(3, 4, 5, 6), Qt::OffsetFromUTC, 3600 * 5 + 1800);
        QSqlQuery q(m_db);
        QVERIFY(q.prepare(QStringLiteral("INSERT INTO types VALUES (?, ?, ?, ?, ?, ?, ?, ?)")));
        q.addBindValue(QVariant(QMetaType(QMetaType::QString)));
        q.addBindValue(std::numeric_limits<qint64>::max());
        q.addBindValue(3.141592653589793);
        q.addBindValue(text);
        q.addBindValue(blob);
        q.addBindValue(true);
        q.addBindValue(utc);
        q.addBindValue(QDate(1999, 12, 31));
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        q.prepare(QStringLiteral("INSERT INTO types (n, i, flag, at) VALUES (?, ?, ?, ?)"));
        q.addBindValue(QString()); // a null QString is NULL, not ''
        q.addBindValue(std::numeric_limits<qint64>::min());
        q.addBindValue(false);
        q.addBindValue(offset);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));

        QVERIFY(q.exec(
            QStringLiteral("SELECT n, i, d, t, b, flag, at, day, typeof(b) FROM types ORDER BY rowid")));
        QVERIFY(q.next());
        QVERIFY(q.isNull(0));
        QVERIFY(q.value(0).isNull());
        QCOMPARE(q.value(1).toLongLong(), std::numeric_limits<qint64>::max());
        QCOMPARE(q.value(2).toDouble(), 3.141592653589793);
        QCOMPARE(q.value(3).toString(), text);
        QCOMPARE(q.value(4).toByteArray(), blob);
        QCOMPARE(q.value(8).toString(), QStringLiteral("blob"));
        QCOMPARE(q.value(5).toBool(), true);
        QCOMPARE(q.value(6).toDateTime(), utc);
        QCOMPARE(q.value(7).toDate(), QDate(1999, 12, 31));
        QVERIFY(q.next());
        QVERIFY(q.isNull(0));
        QCOMPARE(q.value(1).toLongLong(), std::numeric_limits<qint64>::min());
        QCOMPARE(q.value(5).toBool(), false);
        QCOMPARE(q.value(6).toDateTime(), offset); // the same instant
        QVERIFY(!q.next());

        const QSqlRecord rec = m_db.record(QStringLiteral("types"));
        QCOMPARE(rec.field(QStringLiteral("i")).metaType().id(), QMetaType::LongLong);
        QCOMPARE(rec.field(QStringLiteral("d")).metaType().id(), QMetaType::Double);
        QCOMPARE(rec.field(QStringLiteral("b")).metaType().id(), QMetaType::QByteArray);
        QCOMPARE(rec.field(QStringLiteral("flag")).metaType().id(), QMetaType::Bool);
        QCOMPARE(rec.field(QStringLiteral("at")).metaType().id(), QMetaType::QDateTime);
        QCOMPARE(rec.field(QStringLiteral("t")).metaType().id(), QMetaType::QString);
    }

    void forwardOnlyAndScrollable()
    {
        exec(QStringLiteral("CREATE TABLE seq (v INTEGER)"));
        QVERIFY(m_db.transaction());
        QSqlQuery ins(m_db);
        ins.prepare(QStringLiteral("INSERT INTO seq VALUES (?)"));
        for (int i = 0; i < 1000; ++i) {
            ins.addBindValue(i);
            QVERIFY(ins.exec());
        }
        QVERIFY(m_db.commit());

        QSqlQuery scroll(m_db);
        QVERIFY(!scroll.isForwardOnly());
        QVERIFY(scroll.exec(QStringLiteral("SELECT v FROM seq ORDER BY v")));
        QCOMPARE(scroll.size(), -1);
        QVERIFY(scroll.seek(500));
        QCOMPARE(scroll.value(0).toInt(), 500);
        QVERIFY(scroll.seek(10));
        QCOMPARE(scroll.value(0).toInt(), 10);
        QVERIFY(scroll.previous());
        QCOMPARE(scroll.value(0).toInt(), 9);
        QVERIFY(scroll.last());
        QCOMPARE(scroll.value(0).toInt(), 999);
        QCOMPARE(scroll.at(), 999);
        QVERIFY(scroll.first());
        QCOMPARE(scroll.value(0).toInt(), 0);
        QVERIFY(!scroll.seek(1000));

        QSqlQuery fwd(m_db);
        fwd.setForwardOnly(true);
        QVERIFY(fwd.exec(QStringLiteral("SELECT v FROM seq ORDER BY v")));
        int count = 0;
        while (fwd.next()) {
            QCOMPARE(fwd.value(0).toInt(), count);
            ++count;
        }
        QCOMPARE(count, 1000);
        QVERIFY(fwd.exec(QStringLiteral("SELECT v FROM seq ORDER BY v")));
        QVERIFY(fwd.seek(20));
        QCOMPARE(fwd.value(0).toInt(), 20);
        QVERIFY(!fwd.previous()); // earlier rows are not kept
    }

    void queryModelSeeksBackwards()
    {
        QSqlQueryModel model;
        model.setQuery(QStringLiteral("SELECT v, v * 2 AS twice FROM seq ORDER BY v"), m_db);
        QVERIFY2(!model.lastError().isValid(), qPrintable(model.lastError().text()));
        while (model.canFetchMore())
            model.fetchMore();
        QCOMPARE(model.rowCount(), 1000);
        QCOMPARE(model.data(model.index(999, 1)).toInt(), 1998);
        QCOMPARE(model.data(model.index(3, 0)).toInt(), 3); // backwards after the end
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("twice"));
    }

    void tableModelEdits()
    {
        exec(QStringLiteral("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, age INTEGER)"));
        QSqlTableModel model(nullptr, m_db);
        model.setTable(QStringLiteral("people"));
        model.setEditStrategy(QSqlTableModel::OnManualSubmit);
        QVERIFY(model.select());
        QCOMPARE(model.rowCount(), 0);
        for (int i = 0; i < 3; ++i) {
            QSqlRecord r = model.record();
            r.setGenerated(QStringLiteral("id"), false);
            r.setValue(QStringLiteral("name"), QStringLiteral("person %1").arg(i));
            r.setValue(QStringLiteral("age"), 20 + i);
            QVERIFY(model.insertRecord(-1, r));
        }
        QVERIFY2(model.submitAll(), qPrintable(model.lastError().text()));
        QVERIFY(model.select());
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(model.setData(model.index(1, 2), 99));
        QVERIFY2(model.submitAll(), qPrintable(model.lastError().text()));
        QSqlQuery q = exec(QStringLiteral("SELECT age FROM people WHERE name = 'person 1'"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 99);
        QVERIFY(model.removeRows(0, 1));
        QVERIFY(model.submitAll());
        q = exec(QStringLiteral("SELECT count(*) FROM people"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 2);
    }

    void transactions()
    {
        exec(QStringLiteral("CREATE TABLE tx (v INTEGER)"));
        QVERIFY(m_db.transaction());
        exec(QStringLiteral("INSERT INTO tx VALUES (1)"));
        QVERIFY(m_db.rollback());
        QSqlQuery q = exec(QStringLiteral("SELECT count(*) FROM tx"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        q.finish();
        QVERIFY(m_db.transaction());
        exec(QStringLiteral("INSERT INTO tx VALUES (1)"));
        exec(QStringLiteral("INSERT INTO tx VALUES (2)"));
        QVERIFY(m_db.commit());
        q = exec(QStringLiteral("SELECT sum(v) FROM tx"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 3);
    }

    void lastInsertIdAndRowsAffected()
    {
        exec(QStringLiteral("CREATE TABLE ids (id INTEGER PRIMARY KEY, v TEXT)"));
        QSqlQuery q(m_db);
        QVERIFY(q.exec(QStringLiteral("INSERT INTO ids (id, v) VALUES (41, 'a')")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO ids (v) VALUES ('b')")));
        QCOMPARE(q.lastInsertId().toLongLong(), 42);
        QCOMPARE(q.numRowsAffected(), 1);
        QVERIFY(q.exec(QStringLiteral("INSERT INTO ids (v) VALUES ('c'), ('d')")));
        QCOMPARE(q.numRowsAffected(), 2);
        QVERIFY(q.exec(QStringLiteral("UPDATE ids SET v = 'x' WHERE id >= 42")));
        QCOMPARE(q.numRowsAffected(), 3);
        QVERIFY(q.exec(QStringLiteral("DELETE FROM ids WHERE id = 9999")));
        QCOMPARE(q.numRowsAffected(), 0);
    }

    void errorsCarryNativeCodeAndMessage()
    {
        QSqlQuery q(m_db);
        QVERIFY(!q.exec(QStringLiteral("SELEKT 1")));
        QCOMPARE(q.lastError().type(), QSqlError::StatementError);
        QCOMPARE(q.lastError().nativeErrorCode(), QStringLiteral("1"));
        QVERIFY(q.lastError().databaseText().contains(QStringLiteral("syntax error")));
        exec(QStringLiteral("CREATE TABLE uniq (v TEXT UNIQUE)"));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO uniq VALUES ('a')")));
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO uniq VALUES ('a')")));
        QCOMPARE(q.lastError().nativeErrorCode(), QStringLiteral("2067")); // SQLITE_CONSTRAINT_UNIQUE
        QVERIFY(q.lastError().databaseText().contains(QStringLiteral("UNIQUE")));
        QVERIFY(!q.exec(QStringLiteral("SELECT 1; SELECT 2")));
        QVERIFY(q.lastError().databaseText().contains(QStringLiteral("one statement")));
        QVERIFY(!q.exec(QStringLiteral("SELECT * FROM no_such_table")));
        QVERIFY(q.lastError().databaseText().contains(QStringLiteral("no such table")));
    }

    void scriptsRunSeveralStatements()
    {
        auto *driver = qobject_cast<SqlCipherDriver *>(m_db.driver());
        QVERIFY(driver);
        QVERIFY(driver->execScript(
            QStringLiteral("CREATE TABLE s1 (v); INSERT INTO s1 VALUES (1); INSERT INTO s1 VALUES (2);")));
        QSqlQuery q = exec(QStringLiteral("SELECT count(*) FROM s1"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 2);
        QVERIFY(!driver->execScript(QStringLiteral("INSERT INTO s1 VALUES (3); BROKEN;")));
        QVERIFY(driver->lastError().isValid());
    }

    void metadata()
    {
        exec(QStringLiteral(
            "CREATE TABLE \"odd \"\"name\" (k1 TEXT, k2 INTEGER, v BLOB, PRIMARY KEY (k2, k1))"));
        exec(QStringLiteral("CREATE VIEW a_view AS SELECT 1 AS one"));
        const QStringList tables = m_db.tables();
        QVERIFY(tables.contains(QStringLiteral("people")));
        QVERIFY(tables.contains(QStringLiteral("odd \"name")));
        QVERIFY(!tables.contains(QStringLiteral("a_view")));
        QVERIFY(m_db.tables(QSql::Views).contains(QStringLiteral("a_view")));
        QVERIFY(m_db.tables(QSql::SystemTables).contains(QStringLiteral("sqlite_master")));

        const QSqlRecord rec = m_db.record(QStringLiteral("odd \"name"));
        QCOMPARE(rec.count(), 3);
        QCOMPARE(rec.fieldName(0), QStringLiteral("k1"));
        const QSqlIndex pk = m_db.primaryIndex(QStringLiteral("odd \"name"));
        QCOMPARE(pk.count(), 2);
        QCOMPARE(pk.fieldName(0), QStringLiteral("k2")); // in key order
        QCOMPARE(pk.fieldName(1), QStringLiteral("k1"));
        const QSqlIndex peoplePk = m_db.primaryIndex(QStringLiteral("people"));
        QCOMPARE(peoplePk.count(), 1);
        QVERIFY(m_db.record(QStringLiteral("people")).field(QStringLiteral("id")).isAutoValue());
        QCOMPARE(m_db.record(QStringLiteral("people")).field(QStringLiteral("name")).requiredStatus(),
            QSqlField::Required);

        const QString escaped
            = m_db.driver()->escapeIdentifier(QStringLiteral("odd \"name"), QSqlDriver::TableName);
        QCOMPARE(escaped, QStringLiteral("\"odd \"\"name\""));
        QCOMPARE(m_db.driver()->escapeIdentifier(escaped, QSqlDriver::TableName), escaped);
        QSqlQuery q(m_db);
        QVERIFY2(q.exec(QStringLiteral("INSERT INTO ") + escaped + QStringLiteral(" VALUES ('a', 1, NULL)")),
            qPrintable(q.lastError().text()));
        QSqlQuery sel(m_db);
        QVERIFY(sel.exec(QStringLiteral("SELECT k1, v FROM ") + escaped));
        QVERIFY(sel.next());
        QCOMPARE(sel.record().fieldName(0), QStringLiteral("k1"));
        QVERIFY(sel.isNull(1));
    }

    void fts5()
    {
        QVERIFY(exec(QStringLiteral("CREATE VIRTUAL TABLE docs USING fts5(title, body)")).isActive());
        QVERIFY(exec(QStringLiteral("CREATE VIRTUAL TABLE docs_cjk USING fts5(body, tokenize='trigram')"))
                    .isActive());
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("INSERT INTO docs (title, body) VALUES (?, ?)"));
        const QList<QPair<QString, QString>> rows = {
            {QStringLiteral("Sourdough"), QStringLiteral("flour water salt and patience; bread bread bread")},
            {QStringLiteral("Pasta"), QStringLiteral("flour and eggs, rolled thin")},
            {QStringLiteral("Soup"), QStringLiteral("water, vegetables and a little bread")}};
        for (const auto &r : rows) {
            q.addBindValue(r.first);
            q.addBindValue(r.second);
            QVERIFY(q.exec());
        }
        QVERIFY(
            q.prepare(QStringLiteral("SELECT title, bm25(docs) AS score, snippet(docs, 1, '[', ']', '…', 4) "
                                     "FROM docs WHERE docs MATCH ? ORDER BY score")));
        q.addBindValue(QStringLiteral("bread"));
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("Sourdough")); // most relevant first
        QVERIFY(q.value(2).toString().contains(QStringLiteral("[bread]")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("Soup"));
        QVERIFY(!q.next());

        q.prepare(QStringLiteral("INSERT INTO docs_cjk (body) VALUES (?)"));
        q.addBindValue(QStringLiteral("今天我们讨论全文搜索的实现"));
        QVERIFY(q.exec());
        q.prepare(QStringLiteral("SELECT count(*) FROM docs_cjk WHERE docs_cjk MATCH ?"));
        q.addBindValue(QStringLiteral("全文搜索"));
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }

    void json()
    {
        QSqlQuery q(m_db);
        QVERIFY(q.prepare(
            QStringLiteral("SELECT json_extract(?, '$.usage.total'), "
                           "(SELECT group_concat(value, ',') FROM json_each(?, '$.tags')), json_valid(?)")));
        q.addBindValue(QStringLiteral(R"({"usage": {"total": 42}})"));
        q.addBindValue(QStringLiteral(R"({"tags": ["a", "b", "c"]})"));
        q.addBindValue(QStringLiteral("{broken"));
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 42);
        QCOMPARE(q.value(1).toString(), QStringLiteral("a,b,c"));
        QCOMPARE(q.value(2).toInt(), 0);
    }

    void wrongKeyLeavesFileUnchanged()
    {
        QSqlQuery(m_db).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        const QString path = m_dir.filePath(QStringLiteral("closed.db"));
        {
            QSqlDatabase db = test::openConnection(QStringLiteral("w1"), path, m_pass);
            QVERIFY(db.isOpen());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE t (v TEXT)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO t VALUES ('keep me')")));
        }
        test::closeConnection(QStringLiteral("w1"));
        const QByteArray before = test::readFile(path);
        QVERIFY(!before.isEmpty());
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
        {
            QSqlDatabase db
                = test::openConnection(QStringLiteral("w2"), path, QStringLiteral("wrong passphrase"));
            QVERIFY(!db.isOpen());
            QVERIFY2(
                db.lastError().text().contains(QStringLiteral("wrong passphrase, or not a Cairn database")),
                qPrintable(db.lastError().text()));
            QCOMPARE(db.lastError().nativeErrorCode(), QStringLiteral("26"));
        }
        test::closeConnection(QStringLiteral("w2"));
        {
            // A raw key that is wrong, and no key at all, fail the same way.
            QSqlDatabase db = test::openConnection(
                QStringLiteral("w3"), path, QString(64, QLatin1Char('a')), QStringLiteral("CAIRN_RAW_KEY"));
            QVERIFY(!db.isOpen());
            QSqlDatabase plain = test::openConnection(QStringLiteral("w4"), path, QString());
            QVERIFY(!plain.isOpen());
        }
        test::closeConnection(QStringLiteral("w3"));
        test::closeConnection(QStringLiteral("w4"));
        QCOMPARE(test::readFile(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
        QVERIFY(!QFile::exists(path + QStringLiteral("-journal")));
        // And the right key still opens it.
        QSqlDatabase ok = test::openConnection(QStringLiteral("w5"), path, m_pass, QString());
        QVERIFY(ok.isOpen());
        QSqlQuery q(ok);
        QVERIFY(q.exec(QStringLiteral("SELECT v FROM t")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("keep me"));
        q = QSqlQuery();
        ok = QSqlDatabase();
        test::closeConnection(QStringLiteral("w5"));
    }

    void missingFileIsNotCreatedWithoutOption()
    {
        const QString path = m_dir.filePath(QStringLiteral("absent.db"));
        QSqlDatabase db = test::openConnection(QStringLiteral("absent"), path, m_pass, QString());
        QVERIFY(!db.isOpen());
        QVERIFY(!QFile::exists(path));
        db = QSqlDatabase();
        test::closeConnection(QStringLiteral("absent"));
    }

    void rawKeyAndPlainModes()
    {
        const QString rawPath = m_dir.filePath(QStringLiteral("raw.db"));
        const QString key
            = QStringLiteral("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        {
            QSqlDatabase db = test::openConnection(
                QStringLiteral("raw"), rawPath, key, QStringLiteral("CAIRN_CREATE;CAIRN_RAW_KEY"));
            QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE TABLE t (v)")));
        }
        test::closeConnection(QStringLiteral("raw"));
        QVERIFY(!test::readFile(rawPath).startsWith("SQLite format 3"));
        {
            // The same hex string as a passphrase is a different key.
            QSqlDatabase db = test::openConnection(QStringLiteral("raw2"), rawPath, key, QString());
            QVERIFY(!db.isOpen());
        }
        test::closeConnection(QStringLiteral("raw2"));
        {
            QSqlDatabase db = test::openConnection(
                QStringLiteral("raw3"), rawPath, QStringLiteral("xyz"), QStringLiteral("CAIRN_RAW_KEY"));
            QVERIFY(!db.isOpen());
            QVERIFY(db.lastError().text().contains(QStringLiteral("64 hexadecimal")));
        }
        test::closeConnection(QStringLiteral("raw3"));

        const QString plainPath = m_dir.filePath(QStringLiteral("plain.db"));
        {
            QSqlDatabase db = test::openConnection(QStringLiteral("plain"), plainPath, QString());
            QVERIFY(db.isOpen());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE TABLE t (v)")));
        }
        test::closeConnection(QStringLiteral("plain"));
        QVERIFY(test::readFile(plainPath).startsWith("SQLite format 3"));
    }

    void oneConnectionPerThread()
    {
        exec(QStringLiteral("CREATE TABLE IF NOT EXISTS threaded (worker INTEGER, n INTEGER)"));
        // A connection belongs to the thread that made it: another thread cannot use it.
        std::atomic<bool> foreignValid {true};
        QThread *probe
            = QThread::create([&]() { foreignValid = QSqlDatabase::database(m_conn, false).isValid(); });
        probe->start();
        QVERIFY(probe->wait(10000));
        delete probe;
        QVERIFY(!foreignValid);

        // Four writers and four readers, each on its own connection, concurrently (WAL).
        constexpr int kWorkers = 4;
        constexpr int kRows = 200;
        std::atomic<int> failures {0};
        std::atomic<int> readsSeen {0};
        QList<QThread *> threads;
        for (int w = 0; w < kWorkers; ++w) {
            threads << QThread::create([&, w]() {
                const QString name = QStringLiteral("writer-%1").arg(w);
                {
                    QSqlDatabase db = test::openConnection(name, m_path, m_pass, QString());
                    if (!db.isOpen()) {
                        ++failures;
                        return;
                    }
                    QSqlQuery q(db);
                    q.prepare(QStringLiteral("INSERT INTO threaded VALUES (?, ?)"));
                    for (int i = 0; i < kRows; ++i) {
                        if (!db.transaction()) {
                            ++failures;
                            continue;
                        }
                        q.addBindValue(w);
                        q.addBindValue(i);
                        if (!q.exec())
                            ++failures;
                        if (!db.commit())
                            ++failures;
                    }
                }
                test::closeConnection(name);
            });
            threads << QThread::create([&, w]() {
                const QString name = QStringLiteral("reader-%1").arg(w);
                {
                    QSqlDatabase db = test::openConnection(name, m_path, m_pass, QString());
                    if (!db.isOpen()) {
                        ++failures;
                        return;
                    }
                    QSqlQuery q(db);
                    for (int i = 0; i < 50; ++i) {
                        if (!q.exec(QStringLiteral("SELECT count(*) FROM threaded")) || !q.next())
                            ++failures;
                        else
                            readsSeen += 1;
                        q.finish();
                    }
                }
                test::closeConnection(name);
            });
        }
        for (QThread *t : threads)
            t->start();
        for (QThread *t : threads) {
            QVERIFY(t->wait(120000));
            delete t;
        }
        QCOMPARE(failures.load(), 0);
        QCOMPARE(readsSeen.load(), kWorkers * 50);
        QSqlQuery q = exec(QStringLiteral("SELECT count(*), count(DISTINCT worker) FROM threaded"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), kWorkers * kRows);
        QCOMPARE(q.value(1).toInt(), kWorkers);
    }
};

QTEST_GUILESS_MAIN(TestSqlCipherDriver)
#include "tst_sqlcipherdriver.moc"
