// cairn-cli kb …: knowledge bases from the command line.
#include "cli/CliApp.h"
#include "knowledge/KnowledgeService.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QLocale>
#include <QLockFile>

#include <cstdio>
#include <unistd.h>

namespace cairn {

using namespace knowledge;

namespace {

QString statusText(const QString &status)
{
    if (status == DocumentStatus::Waiting)
        return QCoreApplication::translate("cairn::CliApp", "waiting");
    if (status == DocumentStatus::Parsing)
        return QCoreApplication::translate("cairn::CliApp", "parsing");
    if (status == DocumentStatus::Splitting)
        return QCoreApplication::translate("cairn::CliApp", "splitting");
    if (status == DocumentStatus::Indexing)
        return QCoreApplication::translate("cairn::CliApp", "indexing");
    if (status == DocumentStatus::Embedding)
        return QCoreApplication::translate("cairn::CliApp", "embedding");
    if (status == DocumentStatus::Completed)
        return QCoreApplication::translate("cairn::CliApp", "completed");
    if (status == DocumentStatus::Paused)
        return QCoreApplication::translate("cairn::CliApp", "paused");
    return QCoreApplication::translate("cairn::CliApp", "error");
}

// A positive number option, or -1 when it is malformed (0 when absent).
int positiveOption(const QCommandLineParser &parser, const QString &name)
{
    if (!parser.isSet(name))
        return 0;
    bool ok = false;
    const int v = parser.value(name).toInt(&ok);
    return ok && v >= 0 ? v : -1;
}

} // namespace

int CliApp::kbCommand(const QStringList &words)
{
    const QString sub = words.value(1);
    if (sub == QLatin1String("create"))
        return kbCreate(words);
    if (sub == QLatin1String("list"))
        return kbList(words);
    if (sub == QLatin1String("add"))
        return kbAdd(words);
    if (sub == QLatin1String("search"))
        return kbSearch(words);
    if (sub == QLatin1String("docs"))
        return kbDocs(words);
    if (sub == QLatin1String("delete"))
        return kbDelete(words);
    return usage(sub.isEmpty()
            ? QCoreApplication::translate(
                "cairn::CliApp", "kb needs a command: create, list, add, docs, search or delete")
            : QCoreApplication::translate("cairn::CliApp", "unknown command: kb %1").arg(sub));
}

int CliApp::kbCreate(const QStringList &words)
{
    if (words.size() != 3 || words.at(2).trimmed().isEmpty())
        return usage(QCoreApplication::translate("cairn::CliApp", "kb create needs one NAME"));
    KnowledgeSettings settings;
    const int size = positiveOption(m_parser, QStringLiteral("chunk-size"));
    const int overlap = positiveOption(m_parser, QStringLiteral("overlap"));
    if (size < 0 || overlap < 0 || (m_parser.isSet(QStringLiteral("chunk-size")) && size == 0))
        return usage(QCoreApplication::translate(
            "cairn::CliApp", "--chunk-size and --overlap need whole numbers (the size above 0)"));
    if (size > 0 || overlap > 0) {
        settings.automaticChunking = false;
        if (size > 0)
            settings.chunking.maxTokens = size;
        if (m_parser.isSet(QStringLiteral("overlap")))
            settings.chunking.overlapTokens = overlap;
        if (settings.chunking.overlapTokens * 2 > settings.chunking.maxTokens)
            return usage(QCoreApplication::translate(
                "cairn::CliApp", "--overlap must be at most half the chunk size (%1 tokens)")
                             .arg(settings.chunking.maxTokens / 2));
    }
    ModelRef embedding;
    if (m_parser.isSet(QStringLiteral("connection")) != m_parser.isSet(QStringLiteral("model")))
        return usage(QCoreApplication::translate(
            "cairn::CliApp", "an embedding model needs both --connection and --model"));
    embedding.connectionId = m_parser.value(QStringLiteral("connection"));
    embedding.model = m_parser.value(QStringLiteral("model"));
    auto db = unlock();
    if (!db)
        return fail(db.error());
    KnowledgeService service(db.value(), m_secrets.get());
    auto created
        = service.createBase(words.at(2), m_parser.value(QStringLiteral("description")), settings, embedding);
    db.value()->closeThreadConnection();
    if (!created)
        return fail(created.error());
    out(created->id);
    return Ok;
}

int CliApp::kbList(const QStringList &words)
{
    if (words.size() != 2)
        return usage(
            QCoreApplication::translate("cairn::CliApp", "unexpected argument: %1").arg(words.at(2)));
    auto db = unlock();
    if (!db)
        return fail(db.error());
    KnowledgeService service(db.value(), m_secrets.get());
    auto bases = service.bases();
    db.value()->closeThreadConnection();
    if (!bases)
        return fail(bases.error());
    const QLocale locale;
    for (const KnowledgeBaseRecord &b : bases.value()) {
        const QString model = b.embeddingModel.isEmpty()
            ? QCoreApplication::translate("cairn::CliApp", "keyword only")
            : b.embeddingModel;
        out(QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6")
                .arg(printable(b.name),
                    QCoreApplication::translate("cairn::CliApp", "%n document(s)", nullptr, b.documentCount),
                    QCoreApplication::translate("cairn::CliApp", "%n chunk(s)", nullptr, int(b.chunkCount)),
                    locale.formattedDataSize(b.bytes), printable(model), b.id));
    }
    if (bases->isEmpty())
        err(QCoreApplication::translate("cairn::CliApp", "no knowledge bases"));
    return Ok;
}

int CliApp::kbAdd(const QStringList &words)
{
    if (words.size() < 4)
        return usage(
            QCoreApplication::translate("cairn::CliApp", "kb add needs a NAME and at least one PATH"));
    auto db = unlock();
    if (!db)
        return fail(db.error());
    KnowledgeService service(db.value(), m_secrets.get());
    auto base = service.findBase(words.at(2));
    if (!base) {
        db.value()->closeThreadConnection();
        return fail(base.error());
    }
    const bool tty = isatty(fileno(stderr)) != 0;
    int problems = 0;
    // One process works through the queue; work a killed earlier run left unfinished goes on first.
    const std::unique_ptr<QLockFile> ingesting = service.tryLockIngestion();
    if (!ingesting)
        err(QCoreApplication::translate("cairn::CliApp",
            "another Cairn is indexing this database: large files added now wait for it"));
    else if (auto recovered = service.recoverInterrupted(); recovered && recovered.value() > 0)
        err(QCoreApplication::translate(
            "cairn::CliApp", "resuming %n unfinished document(s)", nullptr, recovered.value()));
    auto added = service.addPaths(base->id, words.mid(3), [&](int done, int total, const QString &path) {
        if (tty && total > 0 && !path.isEmpty())
            std::fprintf(stderr, "\r\x1b[K%s",
                qPrintable(QCoreApplication::translate("cairn::CliApp", "adding %1/%2 %3")
                               .arg(done + 1)
                               .arg(total)
                               .arg(printable(path))));
    });
    if (tty)
        std::fprintf(stderr, "\r\x1b[K");
    if (!added) {
        db.value()->closeThreadConnection();
        return fail(added.error());
    }
    int newDocs = 0;
    for (const AddOutcome &o : added.value()) {
        if (o.kind == AddOutcome::Added)
            ++newDocs;
        else if (o.kind == AddOutcome::Skipped)
            err(QCoreApplication::translate("cairn::CliApp", "skipped: %1").arg(printable(o.message)));
        else {
            err(QCoreApplication::translate("cairn::CliApp", "refused: %1").arg(printable(o.message)));
            ++problems;
        }
    }
    err(QCoreApplication::translate("cairn::CliApp", "added %n document(s)", nullptr, newDocs));

    // Ingest everything waiting (this base's new documents and any left over).
    for (; ingesting;) {
        auto more = service.ingestBatch([&](const IngestProgress &p) {
            if (p.status == DocumentStatus::Completed)
                err(QCoreApplication::translate("cairn::CliApp", "indexed %1").arg(printable(p.name)));
            else if (p.status == DocumentStatus::Failed)
                return; // reported below with the reason
            else if (tty) {
                const int percent = p.total > 0 ? int(p.done * 100 / p.total) : 0;
                std::fprintf(stderr, "\r\x1b[K%s",
                    qPrintable(QCoreApplication::translate("cairn::CliApp", "%1: %2 %3%")
                                   .arg(printable(p.name), statusText(p.status))
                                   .arg(percent)));
            }
        });
        if (tty)
            std::fprintf(stderr, "\r\x1b[K");
        if (!more) {
            db.value()->closeThreadConnection();
            return fail(more.error());
        }
        if (more.value() == 0)
            break;
    }
    if (auto docs = service.repo(); docs) {
        auto list = docs->documents(base->id);
        if (list)
            for (const KnowledgeDocumentRecord &d : list.value())
                if (d.status == DocumentStatus::Failed) {
                    err(QCoreApplication::translate("cairn::CliApp", "error: %1")
                            .arg(printable(d.error.isEmpty() ? d.name : d.error)));
                    ++problems;
                }
    }
    db.value()->closeThreadConnection();
    return problems > 0 ? Failure : Ok;
}

int CliApp::kbDocs(const QStringList &words)
{
    if (words.size() != 3)
        return usage(QCoreApplication::translate("cairn::CliApp", "kb docs needs one NAME"));
    auto db = unlock();
    if (!db)
        return fail(db.error());
    KnowledgeService service(db.value(), m_secrets.get());
    // The repository (and its statements) is gone before the connection closes.
    const auto docs = [&]() -> Result<QList<KnowledgeDocumentRecord>> {
        auto base = service.findBase(words.at(2));
        if (!base)
            return base.error();
        auto r = service.repo();
        if (!r)
            return r.error();
        return r->documents(base->id);
    }();
    db.value()->closeThreadConnection();
    if (!docs)
        return fail(docs.error());
    for (const KnowledgeDocumentRecord &d : docs.value())
        out(QStringLiteral("%1\t%2\t%3\t%4")
                .arg(statusText(d.status),
                    QCoreApplication::translate("cairn::CliApp", "%n chunk(s)", nullptr, d.chunkCount),
                    printable(d.name), printable(d.error)));
    return Ok;
}

int CliApp::kbSearch(const QStringList &words)
{
    if (words.size() < 4)
        return usage(QCoreApplication::translate("cairn::CliApp", "kb search needs a NAME and a QUERY"));
    RetrievalOptions options;
    options.source = QStringLiteral("cli");
    if (m_parser.isSet(QStringLiteral("mode"))) {
        RetrievalMode mode {};
        if (!parseMode(m_parser.value(QStringLiteral("mode")), &mode))
            return usage(
                QCoreApplication::translate("cairn::CliApp", "--mode must be keyword, vector or hybrid"));
        options.mode = mode;
    }
    if (m_parser.isSet(QStringLiteral("top-k"))) {
        const int k = positiveOption(m_parser, QStringLiteral("top-k"));
        if (k < 1 || k > 100)
            return usage(
                QCoreApplication::translate("cairn::CliApp", "--top-k needs a number from 1 to 100"));
        options.topK = k;
    }
    auto db = unlock();
    if (!db)
        return fail(db.error());
    KnowledgeService service(db.value(), m_secrets.get());
    auto base = service.findBase(words.at(2));
    auto found = base ? service.retrieve(base->id, words.mid(3).join(QLatin1Char(' ')), options)
                      : Result<RetrievalResult>(base.error());
    db.value()->closeThreadConnection();
    if (!found)
        return fail(found.error());
    if (!found->note.isEmpty())
        err(printable(found->note));
    int rank = 0;
    for (const RetrievedChunk &c : found->chunks)
        out(QStringLiteral("%1\t%2\t%3\t#%4\t%5\t%6")
                .arg(++rank)
                .arg(c.score, 0, 'f', 4)
                .arg(printable(c.documentName))
                .arg(c.position + 1)
                .arg(c.foundBy(), printable(c.content)));
    if (found->chunks.isEmpty())
        err(QCoreApplication::translate("cairn::CliApp", "no matches"));
    return Ok;
}

int CliApp::kbDelete(const QStringList &words)
{
    if (words.size() != 3)
        return usage(QCoreApplication::translate("cairn::CliApp", "kb delete needs one NAME"));
    auto db = unlock();
    if (!db)
        return fail(db.error());
    KnowledgeService service(db.value(), m_secrets.get());
    auto base = service.findBase(words.at(2));
    auto done = base ? service.deleteBase(base->id) : Result<void>(base.error());
    db.value()->closeThreadConnection();
    if (!done)
        return fail(done.error());
    return Ok;
}

} // namespace cairn
