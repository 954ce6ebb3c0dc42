// Connections in the encrypted database with their keys in the real keychain (or, without one and
// only in passphrase mode, inside the encrypted database).
#include "TestSupport.h"

#include "secrets/KeychainSecretStore.h"
#include "secrets/MemorySecretStore.h"
#include "services/ConnectionService.h"
#include "storage/Database.h"

#include <QDirIterator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace cairn;

namespace {

ConnectionDraft draft(const QString &name, const QString &url = QStringLiteral("https://api.example.test/v1"))
{
    ConnectionDraft d;
    d.name = name;
    d.kind = QStringLiteral("openai");
    d.baseUrl = url;
    return d;
}

bool dirContains(const QString &dir, const QByteArray &needle)
{
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        if (test::readFile(it.next()).contains(needle))
            return true;
    }
    return false;
}

} // namespace

class TestConnectionService : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<KeychainSecretStore> m_keychain;

    std::shared_ptr<Database> openDb(const QString &file, const DatabaseKey &key)
    {
        Database::Options o;
        o.path = m_dir.filePath(file);
        o.key = key;
        o.create = true;
        auto db = Database::open(o);
        if (!db)
            qFatal("cannot open the test database: %s", qPrintable(db.error().message));
        return db.value();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_keychain = std::make_unique<KeychainSecretStore>(
            QStringLiteral("CairnTest-") + QUuid::createUuid().toString(QUuid::WithoutBraces));
        auto probe = m_keychain->probeSync();
        if (!probe.ok())
            QFAIL(qPrintable(QStringLiteral("No Secret Service answered (%1). Run the tests through "
                                            "scripts/test.sh or scripts/with-test-keyring.sh.")
                                 .arg(probe.error().message)));
    }

    void keyLivesInTheKeychain()
    {
        auto db = openDb(QStringLiteral("keychain.db"), DatabaseKey::generateRaw());
        ConnectionService service(db, m_keychain.get());
        const QByteArray key = "sk-keychain-" + QUuid::createUuid().toByteArray(QUuid::Id128);
        ConnectionDraft d = draft(QStringLiteral("OpenAI"));
        d.apiKey = key;
        d.headers = {qMakePair(QByteArray("HTTP-Referer"), QByteArray("https://cairn.example"))};
        d.options.insert(QStringLiteral("azure_api_version"), QStringLiteral("2024-10-21"));
        d.priceInputPerMTok = 2.5;
        auto added = service.add(d);
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message));
        QVERIFY(added->keyRef.startsWith(QStringLiteral("keychain:")));
        QCOMPARE(ConnectionService::keyLocation(added.value()), QStringLiteral("keychain"));
        QCOMPARE(m_keychain->readSync(added->keyRef.mid(9)).value(), key);

        auto config = service.providerConfig(QStringLiteral("OpenAI"));
        QVERIFY(config.ok());
        QCOMPARE(config->apiKey, key);
        QCOMPARE(config->azureApiVersion, QStringLiteral("2024-10-21"));
        QCOMPARE(config->extraHeaders.size(), 1);
        QCOMPARE(added->priceInputPerMTok.value_or(0), 2.5);
        QVERIFY(!added->priceOutputPerMTok);

        // Nothing of the key in the database (not even inside the encrypted file) or elsewhere.
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM connection_secrets")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        db->closeThreadConnection();
        QVERIFY(!dirContains(m_dir.path(), key));

        // Editing without a key keeps it; a new key replaces it; an empty key removes it.
        ConnectionDraft edit = ConnectionDraft::fromRecord(added.value());
        edit.name = QStringLiteral("OpenAI main");
        QVERIFY(service.update(added->id, edit).ok());
        QCOMPARE(service.providerConfig(added->id)->apiKey, key);
        edit.apiKey = QByteArray("sk-second");
        auto second = service.update(added->id, edit);
        QVERIFY(second.ok());
        QCOMPARE(service.providerConfig(added->id)->apiKey, QByteArray("sk-second"));
        QCOMPARE(
            m_keychain->readSync(added->keyRef.mid(9)).error().code, ErrorCode::NotFound); // old entry gone
        edit.apiKey = QByteArray();
        auto cleared = service.update(added->id, edit);
        QVERIFY(cleared.ok());
        QVERIFY(cleared->keyRef.isEmpty());
        QCOMPARE(m_keychain->readSync(second->keyRef.mid(9)).error().code, ErrorCode::NotFound);
        QCOMPARE(m_keychain->readSync(added->keyRef.mid(9)).error().code, ErrorCode::NotFound);
        QVERIFY(service.providerConfig(added->id)->apiKey.isEmpty());

        // Removing a connection removes its keychain entry.
        edit.apiKey = QByteArray("sk-third");
        auto third = service.update(added->id, edit);
        QVERIFY(third.ok());
        QVERIFY(service.remove(QStringLiteral("OpenAI main")).ok());
        QCOMPARE(m_keychain->readSync(third->keyRef.mid(9)).error().code, ErrorCode::NotFound);
        QCOMPARE(service.find(added->id).error().code, ErrorCode::NotFound);
        QCOMPARE(service.remove(added->id).error().code, ErrorCode::NotFound);
        db->closeThreadConnection();
    }

    void withoutKeychainOnlyPassphraseModeKeepsTheKeyInside()
    {
        MemorySecretStore none;
        none.setAvailable(false);
        // Passphrase mode: the key goes into the encrypted database.
        auto db
            = openDb(QStringLiteral("passphrase.db"), DatabaseKey::fromPassphrase("correct horse battery"));
        ConnectionService service(db, &none);
        const QByteArray key = "sk-inside-" + QUuid::createUuid().toByteArray(QUuid::Id128);
        ConnectionDraft d = draft(QStringLiteral("Groq"));
        d.apiKey = key;
        auto added = service.add(d);
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message));
        QCOMPARE(added->keyRef, QStringLiteral("db"));
        QCOMPARE(service.providerConfig(added->id)->apiKey, key);
        db->closeThreadConnection();
        QVERIFY(!dirContains(m_dir.path(), key)); // encrypted at rest
        QVERIFY(service.remove(added->id).ok());
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM connection_secrets")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        db->closeThreadConnection();

        // Keychain mode database but the keychain is gone: refused, nothing half-written.
        auto raw = openDb(QStringLiteral("raw.db"), DatabaseKey::generateRaw());
        ConnectionService rawService(raw, &none);
        auto refused = rawService.add(d);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::Unavailable);
        QVERIFY(refused.error().message.contains(QStringLiteral("keychain")));
        QCOMPARE(rawService.list()->size(), 0);
        // Without a key it is fine.
        QVERIFY(rawService.add(draft(QStringLiteral("Local"))).ok());
        raw->closeThreadConnection();
    }

    void validation_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty name") << QStringLiteral("  ") << QStringLiteral("openai")
                                    << QStringLiteral("http://h") << QByteArray() << QStringLiteral("name");
        QTest::newRow("kind") << QStringLiteral("x") << QStringLiteral("gemini") << QStringLiteral("http://h")
                              << QByteArray() << QStringLiteral("gemini");
        QTest::newRow("scheme") << QStringLiteral("x") << QStringLiteral("openai")
                                << QStringLiteral("ftp://h") << QByteArray() << QStringLiteral("http");
        QTest::newRow("no host") << QStringLiteral("x") << QStringLiteral("openai")
                                 << QStringLiteral("localhost:11434") << QByteArray()
                                 << QStringLiteral("http");
        QTest::newRow("userinfo") << QStringLiteral("x") << QStringLiteral("openai")
                                  << QStringLiteral("https://u:p@h/v1") << QByteArray()
                                  << QStringLiteral("API key field");
        QTest::newRow("header") << QStringLiteral("x") << QStringLiteral("openai")
                                << QStringLiteral("http://h") << QByteArray("Bad Header")
                                << QStringLiteral("Bad Header");
    }
    void validation()
    {
        QFETCH(QString, name);
        QFETCH(QString, kind);
        QFETCH(QString, url);
        QFETCH(QByteArray, header);
        QFETCH(QString, mentions);
        auto db = openDb(
            QStringLiteral("validation-%1.db")
                .arg(
                    QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_'))),
            DatabaseKey::generateRaw());
        ConnectionService service(db, m_keychain.get());
        ConnectionDraft d = draft(name, url);
        d.kind = kind;
        if (!header.isEmpty())
            d.headers = {qMakePair(header, QByteArray("v"))};
        auto r = service.add(d);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(r.error().message.contains(mentions), qPrintable(r.error().message));
        QCOMPARE(service.list()->size(), 0);
        db->closeThreadConnection();
    }

    void namesAreUnique()
    {
        auto db = openDb(QStringLiteral("unique.db"), DatabaseKey::generateRaw());
        ConnectionService service(db, m_keychain.get());
        QVERIFY(service.add(draft(QStringLiteral("A"))).ok());
        auto b = service.add(draft(QStringLiteral("B")));
        QVERIFY(b.ok());
        QCOMPARE(service.add(draft(QStringLiteral("A"))).error().code, ErrorCode::AlreadyExists);
        ConnectionDraft rename = ConnectionDraft::fromRecord(b.value());
        rename.name = QStringLiteral("A");
        QCOMPARE(service.update(b->id, rename).error().code, ErrorCode::AlreadyExists);
        QCOMPARE(service.list()->size(), 2);
        QVERIFY(service.setEnabled(b->id, false).ok());
        QVERIFY(!service.find(b->id)->enabled);
        db->closeThreadConnection();
    }

    void failedWritesLeaveConnectionAndKeyAsTheyWere()
    {
        // The fake store lets the test see every entry; the real keychain is covered above.
        MemorySecretStore store;
        auto db = openDb(QStringLiteral("atomic.db"), DatabaseKey::generateRaw());
        ConnectionService service(db, &store);
        ConnectionDraft a = draft(QStringLiteral("A"));
        a.apiKey = QByteArray("sk-first");
        auto added = service.add(a);
        QVERIFY(added.ok());
        QVERIFY(service.add(draft(QStringLiteral("B"))).ok());
        QCOMPARE(store.size(), 1);

        // Renaming onto another connection's name (any letter case) with a new key: refused before
        // anything is written.
        ConnectionDraft clash = ConnectionDraft::fromRecord(added.value());
        clash.name = QStringLiteral("b");
        clash.apiKey = QByteArray("sk-second");
        QCOMPARE(service.update(added->id, clash).error().code, ErrorCode::AlreadyExists);
        QCOMPARE(service.providerConfig(added->id)->apiKey, QByteArray("sk-first"));
        QCOMPARE(store.size(), 1);

        // The database write fails after the new key reached the keychain: the new entry is dropped,
        // the old key and name stay.
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(QStringLiteral("CREATE TEMP TRIGGER fail_update BEFORE UPDATE ON connections "
                                      "BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END")));
        ConnectionDraft edit = ConnectionDraft::fromRecord(added.value());
        edit.name = QStringLiteral("A renamed");
        edit.apiKey = QByteArray("sk-second");
        auto failed = service.update(added->id, edit);
        QVERIFY(!failed.ok());
        QVERIFY2(
            failed.error().message.contains(QStringLiteral("simulated")), qPrintable(failed.error().message));
        QCOMPARE(service.find(added->id)->name, QStringLiteral("A"));
        QCOMPARE(service.providerConfig(added->id)->apiKey, QByteArray("sk-first"));
        QCOMPARE(store.size(), 1);
        // Clearing the key fails the same way: the key stays.
        edit.apiKey = QByteArray();
        QVERIFY(!service.update(added->id, edit).ok());
        QCOMPARE(service.providerConfig(added->id)->apiKey, QByteArray("sk-first"));
        QVERIFY(q.exec(QStringLiteral("DROP TRIGGER temp.fail_update")));

        // An insert that fails drops the key it had written.
        QVERIFY(q.exec(QStringLiteral("CREATE TEMP TRIGGER fail_insert BEFORE INSERT ON connections "
                                      "BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END")));
        ConnectionDraft c = draft(QStringLiteral("C"));
        c.apiKey = QByteArray("sk-third");
        QVERIFY(!service.add(c).ok());
        QCOMPARE(store.size(), 1);
        QCOMPARE(service.list()->size(), 2);
        QVERIFY(q.exec(QStringLiteral("DROP TRIGGER temp.fail_insert")));

        // A removal that fails keeps the key; one that succeeds drops it.
        QVERIFY(q.exec(QStringLiteral("CREATE TEMP TRIGGER fail_delete BEFORE DELETE ON connections "
                                      "BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END")));
        QVERIFY(!service.remove(added->id).ok());
        QCOMPARE(service.providerConfig(added->id)->apiKey, QByteArray("sk-first"));
        QVERIFY(q.exec(QStringLiteral("DROP TRIGGER temp.fail_delete")));
        QVERIFY(service.remove(added->id).ok());
        QCOMPARE(store.size(), 0);
        q.finish();
        db->closeThreadConnection();
    }

    void modelCacheKeepsChoicesAndDefaultsFollowConnections()
    {
        auto db = openDb(QStringLiteral("models.db"), DatabaseKey::generateRaw());
        ConnectionService service(db, m_keychain.get());
        auto c = service.add(draft(QStringLiteral("Ollama"), QStringLiteral("http://127.0.0.1:11434")));
        QVERIFY(c.ok());
        auto info = [](const QString &id, qint64 ctx = 0) {
            llm::ModelInfo m;
            m.id = id;
            m.displayName = id;
            m.contextLength = ctx;
            m.capabilities = {QStringLiteral("completion")};
            return m;
        };
        QVERIFY(service
                    .saveModels(c->id,
                        {info(QStringLiteral("llama3")), info(QStringLiteral("qwen")),
                            info(QStringLiteral("old"))})
                    .ok());
        QVERIFY(service.setModelEnabled(c->id, QStringLiteral("qwen"), false).ok());
        QCOMPARE(
            service.setModelEnabled(c->id, QStringLiteral("nope"), false).error().code, ErrorCode::NotFound);
        QVERIFY(service
                    .saveModels(c->id,
                        {info(QStringLiteral("llama3"), 8192), info(QStringLiteral("qwen")),
                            info(QStringLiteral("new"))})
                    .ok());
        auto models = service.models(c->id);
        QVERIFY(models.ok());
        QStringList ids;
        for (const CachedModel &m : models.value())
            ids.append(m.modelId + (m.enabled ? QStringLiteral("+") : QStringLiteral("-")));
        QCOMPARE(
            ids, QStringList({QStringLiteral("llama3+"), QStringLiteral("new+"), QStringLiteral("qwen-")}));
        QCOMPARE(models->first().contextLength, 8192);
        QCOMPARE(models->first().capabilities, QStringList {QStringLiteral("completion")});

        QVERIFY(!service.defaultModel(ModelRole::Chat)->isValid());
        QVERIFY(service.setDefaultModel(ModelRole::Chat, {c->id, QStringLiteral("llama3")}).ok());
        QVERIFY(service.setDefaultModel(ModelRole::Task, {QStringLiteral("Ollama"), QStringLiteral("qwen")})
                    .ok());
        QCOMPARE(service.defaultModel(ModelRole::Chat).value(), (ModelRef {c->id, QStringLiteral("llama3")}));
        QCOMPARE(service.defaultModel(ModelRole::Task)->connectionId, c->id); // names resolve to ids
        QCOMPARE(
            service.setDefaultModel(ModelRole::Embedding, {QStringLiteral("missing"), QStringLiteral("m")})
                .error()
                .code,
            ErrorCode::NotFound);
        QVERIFY(service.setDefaultModel(ModelRole::Task, {}).ok());
        QVERIFY(!service.defaultModel(ModelRole::Task)->isValid());

        QVERIFY(service.trustCertificate(c->id, "ABCDEF").ok());
        QCOMPARE(service.providerConfig(c->id)->trustedCertSha256, QByteArray("abcdef"));

        // Removing the connection drops its models and the defaults that named it.
        QVERIFY(service.remove(c->id).ok());
        QVERIFY(!service.defaultModel(ModelRole::Chat)->isValid());
        QCOMPARE(service.models(c->id)->size(), 0);
        db->closeThreadConnection();
    }
};

QTEST_GUILESS_MAIN(TestConnectionService)
#include "tst_connectionservice.moc"
