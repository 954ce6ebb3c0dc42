// Knowledge bases below the GUI, with real parts: the encrypted database, the OS keychain (for the
// embedding connection's key) and our loopback model server for embeddings. Adding files and
// folders, ingestion with its statuses, pause / resume / cancel / recovery after a crash, bad input
// of every kind, chunk edits, and keyword, vector and hybrid retrieval.
#include "KnowledgeFixtures.h"
#include "LlmTestServer.h"
#include "TestSupport.h"

#include "knowledge/KnowledgeService.h"
#include "secrets/KeychainSecretStore.h"
#include "storage/Database.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace cairn;
using namespace cairn::knowledge;
using cairn::test::FaultSpec;
using cairn::test::LlmTestServer;
using cairn::test::ServerConfig;

class TestKnowledge : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<LlmTestServer> m_server;
    std::unique_ptr<KeychainSecretStore> m_keychain;
    std::shared_ptr<Database> m_db;
    std::unique_ptr<KnowledgeService> m_service;
    QString m_connectionId;
    QString m_otherConnectionId;
    const QByteArray m_key = "sk-knowledge-" + QUuid::createUuid().toByteArray(QUuid::Id128);

    QString write(const QString &relative, const QByteArray &bytes)
    {
        return test::writeUnder(m_dir.path(), relative, bytes);
    }

    qint64 count(const QString &sql)
    {
        QSqlQuery q(m_db->connection());
        if (!q.exec(sql) || !q.next())
            qFatal("query failed: %s", qPrintable(sql));
        return q.value(0).toLongLong();
    }

    KnowledgeBaseRecord newBase(const QString &name, const ModelRef &embedding = {}, KnowledgeSettings s = {})
    {
        auto b = m_service->createBase(name, QString(), s, embedding);
        if (!b)
            qFatal("createBase: %s", qPrintable(b.error().message));
        return b.value();
    }

    // Ingests until nothing waits; returns how many documents were worked on.
    int ingestAll(const std::atomic<int> *control = nullptr)
    {
        int n = 0;
        for (;;) {
            auto more = m_service->ingestNext({}, control);
            if (!more)
                qFatal("ingestNext: %s", qPrintable(more.error().message));
            if (!more.value())
                return n;
            ++n;
        }
    }

    KnowledgeDocumentRecord documentNamed(const QString &baseId, const QString &name)
    {
        auto docs = m_service->repo()->documents(baseId);
        for (const KnowledgeDocumentRecord &d : docs.value())
            if (d.name == name)
                return d;
        qFatal("no document %s", qPrintable(name));
    }

    QStringList documentsFound(
        const QString &baseId, const QString &query, RetrievalMode mode = RetrievalMode::Keyword)
    {
        RetrievalOptions o;
        o.mode = mode;
        o.topK = 10;
        auto r = m_service->retrieve(baseId, query, o);
        if (!r)
            qFatal("retrieve: %s", qPrintable(r.error().message));
        QStringList names;
        for (const RetrievedChunk &c : r->chunks)
            names.append(c.documentName);
        return names;
    }

    void setServer(int dims)
    {
        ServerConfig sc;
        sc.requiredKey = m_key;
        sc.embeddingDims = dims;
        m_server->clearFaults();
        m_server->setConfig(sc);
    }

    int embeddingRequests() const
    {
        int n = 0;
        for (const auto &r : m_server->requests())
            n += r.path.contains("embeddings") ? 1 : 0;
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<LlmTestServer>();
        QVERIFY(m_server->isListening());
        setServer(64);
        m_keychain = std::make_unique<KeychainSecretStore>(
            QStringLiteral("CairnTest-") + QUuid::createUuid().toString(QUuid::WithoutBraces));
        QVERIFY2(m_keychain->probeSync().ok(), "no Secret Service: run through scripts/with-test-keyring.sh");
        Database::Options o;
        o.path = m_dir.filePath(QStringLiteral("knowledge.db"));
        o.key = DatabaseKey::generateRaw();
        o.create = true;
        auto db = Database::open(o);
        QVERIFY(db.ok());
        m_db = db.value();
        m_service = std::make_unique<KnowledgeService>(m_db, m_keychain.get());
        for (const QString &name : {QStringLiteral("Test server"), QStringLiteral("Other server")}) {
            ConnectionDraft d;
            d.name = name;
            d.kind = QStringLiteral("openai");
            d.baseUrl = m_server->openAiBaseUrl().toString();
            d.apiKey = m_key;
            auto added = m_service->connections().add(d);
            QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message));
            (m_connectionId.isEmpty() ? m_connectionId : m_otherConnectionId) = added->id;
        }
    }

    void cleanupTestCase()
    {
        m_service.reset();
        m_db->closeThreadConnection();
    }

    void basesAreCreatedRenamedAndDeleted()
    {
        KnowledgeBaseRecord b = newBase(QStringLiteral("Handbook"));
        auto twin = m_service->createBase(QStringLiteral("  handbook "), QString(), {});
        QVERIFY(!twin.ok());
        QCOMPARE(twin.error().code, ErrorCode::AlreadyExists);
        QVERIFY(!m_service->createBase(QStringLiteral("   "), QString(), {}).ok());
        // Without an embedding model the base searches by keyword.
        QCOMPARE(KnowledgeSettings::fromJson(b.settings).mode, RetrievalMode::Keyword);

        b.name = QStringLiteral("Staff handbook");
        b.description = QStringLiteral("Policies");
        QVERIFY(m_service->updateBase(b).ok());
        auto found = m_service->findBase(QStringLiteral("staff HANDBOOK"));
        QVERIFY(found.ok());
        QCOMPARE(found->description, QStringLiteral("Policies"));

        write(QStringLiteral("handbook/leave.txt"), "Annual leave is twenty-five days.");
        auto added = m_service->addPaths(b.id, {m_dir.filePath(QStringLiteral("handbook"))});
        QVERIFY(added.ok());
        // A small file is read and indexed as it is added: nothing is left waiting.
        QCOMPARE(documentNamed(b.id, QStringLiteral("leave.txt")).status, DocumentStatus::Completed);
        QCOMPARE(ingestAll(), 0);
        QCOMPARE(
            documentsFound(b.id, QStringLiteral("annual leave")), QStringList {QStringLiteral("leave.txt")});
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM knowledge_files")), 1);

        QVERIFY(m_service->deleteBase(b.id).ok());
        QCOMPARE(m_service->findBase(b.id).error().code, ErrorCode::NotFound);
        // Bytes, chunks and their index entries go with it.
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM knowledge_files")), 0);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM knowledge_file_parts")), 0);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM knowledge_chunks")), 0);
        QCOMPARE(
            count(QStringLiteral("SELECT count(*) FROM knowledge_fts WHERE knowledge_fts MATCH 'annual'")),
            0);
    }

    void aFolderOfMixedDocumentsIsIngestedWithAReasonForEachFailure()
    {
        const QString root = QStringLiteral("mixed/");
        write(root + QStringLiteral("notes.txt"), "The lighthouse keeper logs the weather every night.");
        write(root + QStringLiteral("guide.md"), "# Setup\n\nInstall the **marmalade** package first.");
        write(root + QStringLiteral("page.html"),
            "<html><head><style>.x{}</style></head><body><p>Quokkas live on Rottnest "
            "Island.</p></body></html>");
        write(root + QStringLiteral("ports.csv"), "service,port\nsynthwave,4242\n");
        write(root + QStringLiteral("tool.py"), "def flamingo_count():\n    return 42\n");
        write(root + QStringLiteral("manual.pdf"),
            test::makePdf(
                {QStringLiteral("The zeppelin hangar opens at dawn."), QStringLiteral("Page two.")}));
        write(root + QStringLiteral("memo.docx"),
            test::makeDocx({QStringLiteral("Budget for the aquarium project.")}));
        write(root + QStringLiteral("sub/deeper.txt"), "Nested folders are added too: origami.");
        write(root + QStringLiteral("cjk.txt"), QStringLiteral("知识库可以离线使用。").toUtf8());
        write(root + QStringLiteral(".hidden/secret.txt"), "hidden files stay out");
        write(root + QStringLiteral("photo.jpg"), QByteArray("\xFF\xD8\xFF\xE0", 4) + QByteArray(100, 'j'));
        write(root + QStringLiteral("empty.txt"), QByteArray());
        write(root + QStringLiteral("program.txt"),
            QByteArray("\x7f"
                       "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
                16)
                + QByteArray(200, '\1'));
        write(root + QStringLiteral("copy-of-notes.txt"),
            "The lighthouse keeper logs the weather every night.");
        write(root + QStringLiteral("locked.pdf"), test::makePdf({QStringLiteral("Secret")}, true));
        write(root + QStringLiteral("broken.pdf"),
            test::makePdf({QStringLiteral("x")}).left(40) + QByteArray(200, '\x7f'));
        write(root + QStringLiteral("bomb.docx"), test::makeZipBombDocx(20 * 1024 * 1024));

        const KnowledgeBaseRecord b = newBase(QStringLiteral("Mixed"));
        QList<int> progress;
        auto added = m_service->addPaths(b.id,
            {m_dir.filePath(root), m_dir.filePath(QStringLiteral("missing.txt"))},
            [&](int done, int total, const QString &) { progress.append(done * 100 / std::max(total, 1)); });
        QVERIFY(added.ok());
        QCOMPARE(progress.constLast(), 100);
        QHash<QString, AddOutcome> byName;
        for (const AddOutcome &o : added.value())
            byName.insert(QFileInfo(o.path).fileName(), o);
        QCOMPARE(byName.value(QStringLiteral("photo.jpg")).kind, AddOutcome::Refused);
        QVERIFY(byName.value(QStringLiteral("photo.jpg"))
                    .message.contains(QStringLiteral("not a supported document")));
        QCOMPARE(byName.value(QStringLiteral("empty.txt")).kind, AddOutcome::Refused);
        QVERIFY(byName.value(QStringLiteral("empty.txt")).message.contains(QStringLiteral("is empty")));
        QCOMPARE(byName.value(QStringLiteral("missing.txt")).kind, AddOutcome::Refused);
        // The same bytes twice: the second is skipped, naming the first.
        const AddOutcome dup = byName.value(QStringLiteral("copy-of-notes.txt")).kind == AddOutcome::Skipped
            ? byName.value(QStringLiteral("copy-of-notes.txt"))
            : byName.value(QStringLiteral("notes.txt"));
        QCOMPARE(dup.kind, AddOutcome::Skipped);
        QVERIFY2(
            dup.message.contains(QStringLiteral("already in this knowledge base")), qPrintable(dup.message));
        QVERIFY(!byName.contains(QStringLiteral("secret.txt")));
        const QStringList good {QStringLiteral("guide.md"), QStringLiteral("page.html"),
            QStringLiteral("ports.csv"), QStringLiteral("tool.py"), QStringLiteral("manual.pdf"),
            QStringLiteral("memo.docx"), QStringLiteral("deeper.txt"), QStringLiteral("cjk.txt")};
        for (const QString &name : good)
            QCOMPARE(byName.value(name).kind, AddOutcome::Added);

        // Small files are indexed as they are added; the ingestion queue is then empty.
        QCOMPARE(ingestAll(), 0);
        auto repo = m_service->repo();
        QCOMPARE(repo->queuedCount().value(), 0); // nothing is stuck
        // Both paths give the same result: once as added, once through the queue (re-index).
        for (int pass = 0; pass < 2; ++pass) {
            if (pass == 1) {
                QCOMPARE(m_service->reindex(b.id).value(), 13);
                QCOMPARE(ingestAll(), 13);
                QCOMPARE(repo->queuedCount().value(), 0);
            }
            for (const QString &name : good) {
                const KnowledgeDocumentRecord d = documentNamed(b.id, name);
                QVERIFY2(d.status == DocumentStatus::Completed,
                    qPrintable(name + u' ' + d.status + u' ' + d.error));
                QVERIFY(d.chunkCount >= 1);
                QVERIFY(d.indexedAt > 0);
            }
            const QHash<QString, QString> failures {
                {QStringLiteral("program.txt"), QStringLiteral("binary data")},
                {QStringLiteral("locked.pdf"), QStringLiteral("encrypted PDF")},
                {QStringLiteral("broken.pdf"), QStringLiteral("damaged")},
                {QStringLiteral("bomb.docx"), QStringLiteral("zip bomb")}};
            for (auto it = failures.begin(); it != failures.end(); ++it) {
                const KnowledgeDocumentRecord d = documentNamed(b.id, it.key());
                QCOMPARE(d.status, DocumentStatus::Failed);
                QVERIFY2(d.error.contains(it.value()) && d.error.contains(it.key()), qPrintable(d.error));
                QCOMPARE(d.chunkCount, 0);
            }
        }

        // Offline keyword retrieval over every kind.
        QCOMPARE(
            documentsFound(b.id, QStringLiteral("zeppelin hangar")).value(0), QStringLiteral("manual.pdf"));
        QCOMPARE(documentsFound(b.id, QStringLiteral("aquarium")).value(0), QStringLiteral("memo.docx"));
        QCOMPARE(documentsFound(b.id, QStringLiteral("quokkas")).value(0), QStringLiteral("page.html"));
        QVERIFY(documentsFound(b.id, QStringLiteral("style")).isEmpty()); // markup is not text
        QCOMPARE(documentsFound(b.id, QStringLiteral("synthwave")).value(0), QStringLiteral("ports.csv"));
        QCOMPARE(documentsFound(b.id, QStringLiteral("flamingo_count")).value(0), QStringLiteral("tool.py"));
        QCOMPARE(documentsFound(b.id, QStringLiteral("origami")).value(0), QStringLiteral("deeper.txt"));
        QCOMPARE(documentsFound(b.id, QStringLiteral("MARMALADE")).value(0), QStringLiteral("guide.md"));
        QCOMPARE(documentsFound(b.id, QStringLiteral("知识库")).value(0), QStringLiteral("cjk.txt"));
        QVERIFY(documentsFound(b.id, QStringLiteral("\"); DROP TABLE knowledge_chunks; --")).isEmpty());
        QVERIFY(documentsFound(b.id, QStringLiteral("   ")).isEmpty());

        // Another base with the same file shares its stored bytes.
        const qint64 files = count(QStringLiteral("SELECT count(*) FROM knowledge_files"));
        const KnowledgeBaseRecord other = newBase(QStringLiteral("Mixed again"));
        QVERIFY(m_service->addPaths(other.id, {m_dir.filePath(root + QStringLiteral("notes.txt"))}).ok());
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM knowledge_files")), files);
        QCOMPARE(documentNamed(other.id, QStringLiteral("notes.txt")).status, DocumentStatus::Completed);
        QVERIFY(m_service->deleteBase(other.id).ok());
        QCOMPARE(
            count(QStringLiteral("SELECT count(*) FROM knowledge_files")), files); // still used by "Mixed"
    }

    void chunksCanBeEditedDisabledAndCounted()
    {
        const KnowledgeBaseRecord b = newBase(QStringLiteral("Edits"));
        write(QStringLiteral("edits/one.txt"), "Penguins huddle together for warmth.");
        write(QStringLiteral("edits/two.txt"), "Walruses rest on floating ice.");
        QVERIFY(m_service->addPaths(b.id, {m_dir.filePath(QStringLiteral("edits"))}).ok());
        QCOMPARE(ingestAll(), 0);
        const KnowledgeDocumentRecord one = documentNamed(b.id, QStringLiteral("one.txt"));
        auto chunks = m_service->repo()->chunks(one.id, 0, 10);
        QCOMPARE(chunks->size(), 1);
        const qint64 seq = chunks->first().seq;
        QCOMPARE(chunks->first().hitCount, 0);

        QCOMPARE(documentsFound(b.id, QStringLiteral("penguins")), QStringList {QStringLiteral("one.txt")});
        QCOMPARE(m_service->repo()->chunks(one.id, 0, 10)->first().hitCount, 1);

        // An edit is searchable at once, and the old words are gone.
        QVERIFY(m_service->updateChunk(seq, QStringLiteral("Emperor penguins breed in winter.")).ok());
        QCOMPARE(documentsFound(b.id, QStringLiteral("emperor")), QStringList {QStringLiteral("one.txt")});
        QVERIFY(documentsFound(b.id, QStringLiteral("huddle")).isEmpty());
        QVERIFY(m_service->repo()->chunks(one.id, 0, 10)->first().edited);
        QVERIFY(!m_service->updateChunk(seq, QStringLiteral("  ")).ok());

        QVERIFY(m_service->setChunkEnabled(seq, false).ok());
        QVERIFY(documentsFound(b.id, QStringLiteral("emperor")).isEmpty());
        QVERIFY(m_service->setChunkEnabled(seq, true).ok());
        QCOMPARE(documentsFound(b.id, QStringLiteral("emperor")).size(), 1);
        const KnowledgeDocumentRecord two = documentNamed(b.id, QStringLiteral("two.txt"));
        QVERIFY(m_service->setDocumentEnabled(two.id, false).ok());
        QVERIFY(documentsFound(b.id, QStringLiteral("walruses")).isEmpty());
        QVERIFY(m_service->setDocumentEnabled(two.id, true).ok());
        QCOMPARE(documentsFound(b.id, QStringLiteral("walruses")).size(), 1);

        // Re-index cuts the document again from its stored bytes (the edit is undone).
        QCOMPARE(m_service->reindex(b.id, one.id).value(), 1);
        QCOMPARE(ingestAll(), 1);
        QCOMPARE(documentsFound(b.id, QStringLiteral("huddle")), QStringList {QStringLiteral("one.txt")});

        // Every query was logged, with what it found.
        auto log = m_service->repo()->queries(b.id, 100);
        QVERIFY(log->size() >= 8);
        QCOMPARE(log->first().query, QStringLiteral("huddle"));
        QCOMPARE(log->first().results.size(), 1);
        QCOMPARE(log->first().source, QStringLiteral("test"));

        QVERIFY(m_service->deleteDocument(two.id).ok());
        QVERIFY(documentsFound(b.id, QStringLiteral("walruses")).isEmpty());
        QCOMPARE(
            count(QStringLiteral("SELECT count(*) FROM knowledge_fts WHERE knowledge_fts MATCH 'walruses'")),
            0);
    }

    // Keyword-index entries are written when the outermost transaction ends: a group of documents
    // is searchable after its commit, and a part undone by a savepoint leaves no entry behind.
    void keywordIndexEntriesFollowTheirTransaction()
    {
        const KnowledgeBaseRecord b = newBase(QStringLiteral("Savepoints"));
        write(QStringLiteral("savepoints/a.txt"), "Narwhals have a long spiral tusk.");
        write(QStringLiteral("savepoints/b.txt"), "Belugas are white whales.");
        QVERIFY(m_service->addPaths(b.id, {m_dir.filePath(QStringLiteral("savepoints"))}).ok());
        const KnowledgeDocumentRecord a = documentNamed(b.id, QStringLiteral("a.txt"));
        const KnowledgeDocumentRecord c = documentNamed(b.id, QStringLiteral("b.txt"));
        const auto chunk = [](int position, const QString &text) {
            KnowledgeChunkRecord r;
            r.position = position;
            r.content = text;
            r.tokens = 4;
            return r;
        };
        auto repo = m_service->repo();
        QVERIFY(repo.ok());
        Result<void> outer = repo->inTransaction([&]() -> Result<void> {
            if (auto x = repo->appendChunks(a.id, b.id, {chunk(10, QStringLiteral("Kept zebrafish"))}); !x)
                return x;
            // A nested part that fails: its chunk and its index entry are undone together.
            Result<void> inner = repo->inTransaction([&]() -> Result<void> {
                if (auto x = repo->appendChunks(c.id, b.id, {chunk(10, QStringLiteral("Undone axolotl"))});
                    !x)
                    return x;
                return Error::make(ErrorCode::Io, QStringLiteral("fails on purpose"));
            });
            if (inner.ok())
                return Error::make(ErrorCode::Io, QStringLiteral("the inner part should have failed"));
            // A nested part that succeeds, after the failed one.
            return repo->inTransaction([&]() -> Result<void> {
                return repo->appendChunks(c.id, b.id, {chunk(11, QStringLiteral("Kept quokka"))});
            });
        });
        QVERIFY2(outer.ok(), qPrintable(outer.ok() ? QString() : outer.error().message));
        QCOMPARE(documentsFound(b.id, QStringLiteral("zebrafish")), QStringList {QStringLiteral("a.txt")});
        QCOMPARE(documentsFound(b.id, QStringLiteral("quokka")), QStringList {QStringLiteral("b.txt")});
        QVERIFY(documentsFound(b.id, QStringLiteral("axolotl")).isEmpty());
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM knowledge_fts_terms WHERE term = 'axolotl'")), 0);
        QCOMPARE(
            count(QStringLiteral("SELECT count(*) FROM knowledge_chunks WHERE content LIKE '%axolotl%'")), 0);

        // A whole transaction that fails leaves neither chunks nor entries.
        Result<void> failed = repo->inTransaction([&]() -> Result<void> {
            if (auto x = repo->appendChunks(a.id, b.id, {chunk(12, QStringLiteral("Rolled back okapi"))}); !x)
                return x;
            return Error::make(ErrorCode::Io, QStringLiteral("fails on purpose"));
        });
        QVERIFY(!failed.ok());
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM knowledge_fts_terms WHERE term = 'okapi'")), 0);
        // And the next transaction of the same repository does not write it either.
        QVERIFY(repo->appendChunks(a.id, b.id, {chunk(13, QStringLiteral("Later ibis"))}).ok());
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM knowledge_fts_terms WHERE term = 'okapi'")), 0);
        QCOMPARE(documentsFound(b.id, QStringLiteral("ibis")), QStringList {QStringLiteral("a.txt")});

        // A delete inside a part that is undone: the deleted chunk comes back with its entry, and
        // the seq the undone part used (given again afterwards) carries only the new chunk's words.
        Result<void> mixed = repo->inTransaction([&]() -> Result<void> {
            if (auto x = repo->appendChunks(a.id, b.id, {chunk(20, QStringLiteral("Restored pelican"))}); !x)
                return x;
            Result<void> inner = repo->inTransaction([&]() -> Result<void> {
                if (auto x = repo->clearChunks(a.id); !x)
                    return x;
                if (auto x = repo->appendChunks(c.id, b.id, {chunk(20, QStringLiteral("Ghostly marmot"))});
                    !x)
                    return x;
                return Error::make(ErrorCode::Io, QStringLiteral("fails on purpose"));
            });
            if (inner.ok())
                return Error::make(ErrorCode::Io, QStringLiteral("the inner part should have failed"));
            return repo->appendChunks(c.id, b.id, {chunk(21, QStringLiteral("Real wombat"))});
        });
        QVERIFY(mixed.ok());
        QCOMPARE(documentsFound(b.id, QStringLiteral("pelican")), QStringList {QStringLiteral("a.txt")});
        QCOMPARE(documentsFound(b.id, QStringLiteral("wombat")), QStringList {QStringLiteral("b.txt")});
        QVERIFY(documentsFound(b.id, QStringLiteral("marmot")).isEmpty());
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM knowledge_fts_terms WHERE term = 'marmot'")), 0);

        // A chunk deleted through another repository object before the entry is written: no entry
        // is left without its chunk. And a copy of a repository made inside a transaction writes
        // its own entries.
        Result<void> shared = repo->inTransaction([&]() -> Result<void> {
            if (auto x = repo->appendChunks(c.id, b.id, {chunk(30, QStringLiteral("Orphaned lemur"))}); !x)
                return x;
            auto other = m_service->repo();
            if (!other)
                return other.error();
            if (auto x = other->clearChunks(c.id); !x)
                return x;
            KnowledgeRepository copy = repo.value();
            return copy.appendChunks(c.id, b.id, {chunk(31, QStringLiteral("Copied gecko"))});
        });
        QVERIFY(shared.ok());
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM knowledge_fts_terms WHERE term = 'lemur'")), 0);
        // (clearChunks leaves the document unsearchable until it is indexed again: the index is read.)
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM knowledge_fts_terms WHERE term = 'gecko'")), 1);
        QVERIFY(m_service->deleteBase(b.id).ok());
    }

    void ingestionPausesResumesCancelsAndRecoversFromACrash()
    {
        // Enough text for many batches of chunks.
        QByteArray text;
        for (int i = 0; text.size() < 6 * 1024 * 1024; ++i)
            text += "Paragraph " + QByteArray::number(i) + " about tides, harbours and the nautilus.\n\n";
        write(QStringLiteral("long/tides.txt"), text);
        const KnowledgeBaseRecord reference = newBase(QStringLiteral("Reference"));
        QVERIFY(m_service->addPaths(reference.id, {m_dir.filePath(QStringLiteral("long/tides.txt"))}).ok());
        QCOMPARE(ingestAll(), 1);
        const int expectedChunks = documentNamed(reference.id, QStringLiteral("tides.txt")).chunkCount;
        QVERIFY(expectedChunks > 1000);

        const KnowledgeBaseRecord b = newBase(QStringLiteral("Interrupted"));
        QVERIFY(m_service->addPaths(b.id, {m_dir.filePath(QStringLiteral("long/tides.txt"))}).ok());
        const QString docId = documentNamed(b.id, QStringLiteral("tides.txt")).id;
        const auto stopWhenIndexing = [&](IngestControl how) {
            std::atomic<int> control {int(IngestControl::Run)};
            QStringList statuses;
            auto more = m_service->ingestNext(
                [&](const IngestProgress &p) {
                    if (statuses.isEmpty() || statuses.constLast() != p.status)
                        statuses.append(p.status);
                    if (p.status == DocumentStatus::Indexing && p.done > 0)
                        control = int(how);
                },
                &control);
            if (!more || !more.value())
                qFatal("nothing ingested");
            return statuses;
        };

        // Pause: the document waits as "paused", its partial chunks are not searchable.
        QStringList statuses = stopWhenIndexing(IngestControl::Pause);
        QCOMPARE(statuses.mid(0, 3),
            (QStringList {DocumentStatus::Parsing, DocumentStatus::Splitting, DocumentStatus::Indexing}));
        QCOMPARE(statuses.constLast(), DocumentStatus::Paused);
        QCOMPARE(documentNamed(b.id, QStringLiteral("tides.txt")).status, DocumentStatus::Paused);
        QVERIFY(
            count(QStringLiteral("SELECT count(*) FROM knowledge_chunks WHERE document_id = '%1'").arg(docId))
            > 0);
        QVERIFY(documentsFound(b.id, QStringLiteral("nautilus")).isEmpty());
        QCOMPARE(ingestAll(), 0); // paused work is not picked up
        QCOMPARE(m_service->repo()->resumePaused(b.id).value(), 1);

        // A crash half-way: the process dies while indexing (the status stays "indexing", some
        // chunks are stored). At the next start the document waits again and is done whole.
        statuses = stopWhenIndexing(IngestControl::Pause);
        QVERIFY(m_service->repo()->setDocumentStatus(docId, DocumentStatus::Indexing).ok());
        QCOMPARE(m_service->recoverInterrupted().value(), 1);
        QCOMPARE(documentNamed(b.id, QStringLiteral("tides.txt")).status, DocumentStatus::Waiting);
        QCOMPARE(ingestAll(), 1);
        KnowledgeDocumentRecord d = documentNamed(b.id, QStringLiteral("tides.txt"));
        QCOMPARE(d.status, DocumentStatus::Completed);
        QCOMPARE(d.chunkCount, expectedChunks);
        QCOMPARE(
            count(
                QStringLiteral("SELECT count(*) FROM knowledge_chunks WHERE document_id = '%1'").arg(docId)),
            qint64(expectedChunks)); // no leftovers from the interrupted runs
        QVERIFY(!documentsFound(b.id, QStringLiteral("nautilus")).isEmpty());

        // Cancel: the document ends in error ("Cancelled."); re-indexing it finishes it.
        QCOMPARE(m_service->reindex(b.id, docId).value(), 1);
        statuses = stopWhenIndexing(IngestControl::Cancel);
        d = documentNamed(b.id, QStringLiteral("tides.txt"));
        QCOMPARE(d.status, DocumentStatus::Failed);
        QCOMPARE(d.error, QStringLiteral("Cancelled."));
        QCOMPARE(m_service->reindex(b.id, docId).value(), 1);
        QCOMPARE(ingestAll(), 1);
        QCOMPARE(documentNamed(b.id, QStringLiteral("tides.txt")).chunkCount, expectedChunks);

        // Pause and cancel of the queue as a whole.
        QCOMPARE(m_service->reindex(b.id).value(), 1);
        QCOMPARE(m_service->repo()->pauseQueued(b.id).value(), 1);
        QCOMPARE(ingestAll(), 0);
        QCOMPARE(m_service->repo()->cancelQueued(b.id, QStringLiteral("Cancelled.")).value(), 1);
        QCOMPARE(documentNamed(b.id, QStringLiteral("tides.txt")).status, DocumentStatus::Failed);
        QVERIFY(m_service->deleteBase(b.id).ok());
        QVERIFY(m_service->deleteBase(reference.id).ok());
    }

    void vectorAndHybridRetrievalUseTheEmbeddingModel()
    {
        setServer(64);
        const ModelRef model {m_connectionId, QStringLiteral("test-embed")};
        KnowledgeSettings settings;
        settings.mode = RetrievalMode::Hybrid;
        const KnowledgeBaseRecord b = newBase(QStringLiteral("Vectors"), model, settings);
        write(QStringLiteral("vec/keychain.txt"), "The keychain keeps the secret database key safe.");
        write(QStringLiteral("vec/ollama.txt"), "Ollama serves local language models on your own machine.");
        write(QStringLiteral("vec/tea.txt"), "Green tea steeps for three minutes in hot water.");
        QVERIFY(m_service->addPaths(b.id, {m_dir.filePath(QStringLiteral("vec"))}).ok());
        m_server->clearRequests();
        QCOMPARE(ingestAll(), 3);
        QVERIFY(embeddingRequests() >= 1);
        for (const QString &name :
            {QStringLiteral("keychain.txt"), QStringLiteral("ollama.txt"), QStringLiteral("tea.txt")})
            QCOMPARE(documentNamed(b.id, name).status, DocumentStatus::Completed);
        const QString key = embeddingKey(b);
        QCOMPARE(m_service->repo()->vectorDims(b.id, key).value(), 64);
        QCOMPARE(m_service->repo()->missingEmbeddingCount(b.id, key).value(), 0);

        // Vector search finds by shared words even without the exact phrase; scores are 0 … 1.
        RetrievalOptions o;
        o.mode = RetrievalMode::Vector;
        o.topK = 3;
        auto r = m_service->retrieve(b.id, QStringLiteral("where is my secret key kept"), o);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(r->mode, RetrievalMode::Vector);
        QCOMPARE(r->chunks.size(), 3);
        QCOMPARE(r->chunks.first().documentName, QStringLiteral("keychain.txt"));
        QCOMPARE(r->chunks.first().foundBy(), QStringLiteral("vector"));
        for (const RetrievedChunk &c : r->chunks)
            QVERIFY(c.score >= 0 && c.score <= 1.0001);
        QVERIFY(r->chunks.at(0).score >= r->chunks.at(1).score);

        // Hybrid: found by both retrievers first.
        o.mode = RetrievalMode::Hybrid;
        r = m_service->retrieve(b.id, QStringLiteral("local language models"), o);
        QVERIFY(r.ok());
        QCOMPARE(r->mode, RetrievalMode::Hybrid);
        QCOMPARE(r->chunks.first().documentName, QStringLiteral("ollama.txt"));
        QCOMPARE(r->chunks.first().foundBy(), QStringLiteral("keyword+vector"));
        QVERIFY(r->chunks.first().keywordRank == 1 && r->chunks.first().vectorRank == 1);
        // Weighted fusion as well.
        KnowledgeBaseRecord weighted = m_service->findBase(b.id).value();
        KnowledgeSettings ws = KnowledgeSettings::fromJson(weighted.settings);
        ws.fusion = Fusion::Weighted;
        ws.scoreThreshold = 0.5;
        weighted.settings = ws.toJson();
        QVERIFY(m_service->updateBase(weighted).ok());
        QCOMPARE(ingestAll(), 0); // retrieval settings re-index nothing
        r = m_service->retrieve(b.id, QStringLiteral("green tea"), o);
        QVERIFY(r.ok());
        QCOMPARE(r->chunks.first().documentName, QStringLiteral("tea.txt"));
        for (const RetrievedChunk &c : r->chunks)
            QVERIFY(c.score >= 0.5); // the threshold drops the rest

        // The embedding cache: the same texts in another base are not embedded again.
        const KnowledgeBaseRecord copy = newBase(QStringLiteral("Vectors copy"), model);
        QVERIFY(m_service->addPaths(copy.id, {m_dir.filePath(QStringLiteral("vec"))}).ok());
        m_server->clearRequests();
        QCOMPARE(ingestAll(), 3);
        QCOMPARE(embeddingRequests(), 0);
        QCOMPARE(m_service->repo()->missingEmbeddingCount(copy.id, key).value(), 0);

        // Another model (other dimensions): everything is embedded again, never mixed; keyword
        // search works meanwhile.
        setServer(32);
        KnowledgeBaseRecord changed = m_service->findBase(copy.id).value();
        changed.embeddingConnectionId = m_otherConnectionId;
        QVERIFY(m_service->updateBase(changed).ok());
        QCOMPARE(documentNamed(copy.id, QStringLiteral("tea.txt")).status, DocumentStatus::Waiting);
        QCOMPARE(documentsFound(copy.id, QStringLiteral("green tea")).value(0), QStringLiteral("tea.txt"));
        m_server->clearRequests();
        QCOMPARE(ingestAll(), 3);
        QVERIFY(embeddingRequests() >= 1);
        const QString newKey = embeddingKey(changed);
        QVERIFY(newKey != key);
        QCOMPARE(m_service->repo()->vectorDims(copy.id, newKey).value(), 32);
        QCOMPARE(m_service->repo()->vectorDims(copy.id, key).value(), 64); // the old model's stay apart
        o.mode = RetrievalMode::Vector;
        r = m_service->retrieve(copy.id, QStringLiteral("green tea water"), o);
        QVERIFY(r.ok());
        QCOMPARE(r->chunks.first().documentName, QStringLiteral("tea.txt"));

        // The embedding server fails: the document says why, and keyword search still finds it.
        write(QStringLiteral("vec2/failing.txt"), "Meteorites are mostly stony.");
        QVERIFY(m_service->addPaths(copy.id, {m_dir.filePath(QStringLiteral("vec2"))}).ok());
        FaultSpec fault;
        fault.fault = test::Fault::ModelNotFound404;
        m_server->queueFault(fault, 1);
        QCOMPARE(ingestAll(), 1);
        const KnowledgeDocumentRecord failing = documentNamed(copy.id, QStringLiteral("failing.txt"));
        QCOMPARE(failing.status, DocumentStatus::Failed);
        QVERIFY2(failing.error.startsWith(QStringLiteral("Embedding failed")), qPrintable(failing.error));
        QCOMPARE(
            documentsFound(copy.id, QStringLiteral("meteorites")).value(0), QStringLiteral("failing.txt"));
        m_server->clearFaults();
        QCOMPARE(m_service->repo()->requeue(copy.id, failing.id, false).value(), 1);
        QCOMPARE(ingestAll(), 1);
        QCOMPARE(documentNamed(copy.id, QStringLiteral("failing.txt")).status, DocumentStatus::Completed);

        // A base without a model: vector search says why; hybrid falls back to keyword, saying so.
        const KnowledgeBaseRecord plain = newBase(QStringLiteral("Plain"));
        o.mode = RetrievalMode::Vector;
        auto refused = m_service->retrieve(plain.id, QStringLiteral("x"), o);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.contains(QStringLiteral("no embedding model")));
        o.mode = RetrievalMode::Hybrid;
        auto fallback = m_service->retrieve(plain.id, QStringLiteral("x"), o);
        QVERIFY(fallback.ok());
        QCOMPARE(fallback->mode, RetrievalMode::Keyword);
        QVERIFY(fallback->note.contains(QStringLiteral("Keyword search only")));

        // Several bases at once: merged by score.
        auto both = m_service->retrieve(QStringList {b.id, copy.id}, QStringLiteral("keychain secret"), o);
        QVERIFY(both.ok());
        QVERIFY(both->chunks.size() >= 2);
        QSet<QString> bases;
        for (const RetrievedChunk &c : both->chunks)
            bases.insert(c.baseName);
        QCOMPARE(bases.size(), 2);
    }

    // Beyond the exact-search limit (lowered here) the vectors get an approximate index, built in
    // the background: searches answer at once (exactly) meanwhile, give the same ranking once it is
    // ready, and a change to the base drops it and builds it again.
    void manyVectorsGetAnApproximateIndexInTheBackground()
    {
        // A local embedder (the logic above the model is what is tested here): each word adds a
        // pseudo-random vector of its own, so no two texts tie.
        struct HashEmbedder : Embedder {
            QString modelKey() const override { return QStringLiteral("test/hash-32"); }
            Result<QList<QVector<float>>> embed(const QStringList &texts, const std::atomic<int> *) override
            {
                QList<QVector<float>> out;
                for (const QString &t : texts)
                    out.append(vectorOf(t));
                return out;
            }
            static QVector<float> vectorOf(const QString &text)
            {
                QVector<float> v(32, 0.0F);
                for (const QString &w : text.toLower().split(u' ', Qt::SkipEmptyParts)) {
                    QRandomGenerator rng(quint32(qHash(w, 3)));
                    for (float &x : v)
                        x += float(rng.generateDouble() - 0.5);
                }
                return v;
            }
        };
        KnowledgeService service(m_db, m_keychain.get());
        service.setApproximateAbove(300);
        service.setEmbedderFactory(
            [](const KnowledgeBaseRecord &) { return std::make_unique<HashEmbedder>(); });
        const KnowledgeBaseRecord b = [&] {
            auto created = service.createBase(QStringLiteral("Many vectors"), QString(), {});
            if (!created)
                qFatal("createBase: %s", qPrintable(created.error().message));
            return created.value();
        }();
        const QString words[] = {QStringLiteral("amber"), QStringLiteral("basalt"), QStringLiteral("cobalt"),
            QStringLiteral("dune"), QStringLiteral("ember"), QStringLiteral("fjord"),
            QStringLiteral("garnet")};
        for (int i = 0; i < 1500; ++i)
            write(QStringLiteral("many/n%1.txt").arg(i),
                QStringLiteral("%1 %2 %3 item%4")
                    .arg(words[i % 7], words[(i / 7) % 7], words[(i / 49) % 7])
                    .arg(i)
                    .toUtf8());
        QVERIFY(service.addPaths(b.id, {m_dir.filePath(QStringLiteral("many"))}).ok());
        auto repo = service.repo();
        auto pending = repo->missingEmbeddings(b.id, HashEmbedder().modelKey(), 2000);
        QCOMPARE(pending->size(), 1500);
        QList<StoredEmbedding> rows;
        for (const PendingEmbedding &p : pending.value())
            rows.append(StoredEmbedding {p.contentHash, HashEmbedder::vectorOf(p.content)});
        QVERIFY(repo->storeEmbeddings(HashEmbedder().modelKey(), rows).ok());

        RetrievalOptions o;
        o.mode = RetrievalMode::Vector;
        o.topK = 10;
        o.log = false;
        const auto ranking = [&](const QString &query) {
            QList<qint64> seqs;
            auto found = service.retrieve(b.id, query, o);
            if (!found)
                qFatal("retrieve: %s", qPrintable(found.error().message));
            for (const RetrievedChunk &c : found->chunks)
                seqs.append(c.seq);
            return seqs;
        };
        const QList<qint64> exact = ranking(QStringLiteral("cobalt dune fjord"));
        QCOMPARE(exact.size(), 10);
        // The search did not wait for the index (building it takes far longer than answering).
        QVERIFY(!service.approximateReady(b.id));
        QTRY_VERIFY_WITH_TIMEOUT(service.approximateReady(b.id), 30000);
        QCOMPARE(ranking(QStringLiteral("cobalt dune fjord")), exact);

        // A change to the base: the index goes, searches go on exactly, and it is built again.
        const KnowledgeDocumentRecord first = [&] {
            auto docs = repo->documents(b.id);
            for (const KnowledgeDocumentRecord &d : docs.value())
                if (!exact.isEmpty() && repo->chunks(d.id, 0, 1)->first().seq == exact.first())
                    return d;
            qFatal("the best hit's document is not there");
        }();
        QVERIFY(service.setDocumentEnabled(first.id, false).ok());
        QVERIFY(!service.approximateReady(b.id));
        const QList<qint64> without = ranking(QStringLiteral("cobalt dune fjord"));
        QVERIFY(!without.contains(exact.first()));
        QCOMPARE(without.mid(0, 9), exact.mid(1, 9));
        QTRY_VERIFY_WITH_TIMEOUT(service.approximateReady(b.id), 30000);
        QCOMPARE(ranking(QStringLiteral("cobalt dune fjord")), without);
        QVERIFY(service.deleteBase(b.id).ok());
    }

    void aTwoHundredMegabyteFileStreamsInBoundedMemory()
    {
        // 200 MB of text, written in pieces; added (hashed and copied in 1 MiB parts) and ingested
        // through the queue without ever holding the file, or its chunks, whole.
        const QString path = m_dir.filePath(QStringLiteral("huge/journal.txt"));
        QDir().mkpath(QFileInfo(path).absolutePath());
        {
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly));
            QByteArray block;
            for (int i = 0; block.size() < 1024 * 1024; ++i)
                block += "Entry " + QByteArray::number(i) + ": the glacier moved a little further today.\n";
            for (qint64 written = 0; written < 200LL * 1024 * 1024; written += block.size())
                QCOMPARE(out.write(block), block.size());
        }
        const qint64 size = QFileInfo(path).size();
        QVERIFY(size >= 200LL * 1024 * 1024);
        const auto peakMb = [] {
            QFile f(QStringLiteral("/proc/self/status"));
            if (!f.open(QIODevice::ReadOnly))
                return -1.0;
            for (const QByteArray &line : f.readAll().split('\n'))
                if (line.startsWith("VmHWM:"))
                    return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
            return -1.0;
        };
        QFile reset(QStringLiteral("/proc/self/clear_refs"));
        QVERIFY2(reset.open(QIODevice::WriteOnly) && reset.write("5") == 1, "cannot reset the peak RSS");
        reset.close();
        const double before = peakMb();
        QVERIFY(before > 0);

        const qint64 partsBefore = count(QStringLiteral("SELECT count(*) FROM knowledge_file_parts"));
        const KnowledgeBaseRecord b = newBase(QStringLiteral("Huge"));
        auto added = m_service->addPaths(b.id, {path});
        QVERIFY(added.ok());
        QCOMPARE(added->size(), 1);
        QCOMPARE(added->first().kind, AddOutcome::Added);
        QCOMPARE(documentNamed(b.id, QStringLiteral("journal.txt")).status, DocumentStatus::Waiting);
        qint64 lastDone = -1;
        bool monotonic = true;
        auto more = m_service->ingestNext([&](const IngestProgress &p) {
            if (p.status == DocumentStatus::Indexing || p.status == DocumentStatus::Splitting) {
                monotonic = monotonic && p.done >= lastDone && p.done <= p.total;
                lastDone = p.done;
            }
        });
        QVERIFY(more.ok() && more.value());
        QVERIFY(monotonic);
        QVERIFY(lastDone > size / 2); // progress was reported along the way
        const KnowledgeDocumentRecord d = documentNamed(b.id, QStringLiteral("journal.txt"));
        QVERIFY2(d.status == DocumentStatus::Completed, qPrintable(d.error));
        QVERIFY(d.chunkCount > 50000);
        QCOMPARE(d.size, size);
        const double growth = peakMb() - before;
        QVERIFY2(growth < 160, qPrintable(QStringLiteral("peak memory grew by %1 MB").arg(growth)));
        QCOMPARE(documentsFound(b.id, QStringLiteral("glacier")).size(), 10);
        QVERIFY(count(QStringLiteral("SELECT count(*) FROM knowledge_file_parts")) >= partsBefore + 200);
        QVERIFY(m_service->deleteBase(b.id).ok());
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM knowledge_file_parts")), partsBefore);
        QVERIFY(QFile::remove(path));
    }
};

QTEST_GUILESS_MAIN(TestKnowledge)
#include "tst_knowledge.moc"
