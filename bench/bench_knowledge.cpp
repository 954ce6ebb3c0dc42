// bench_knowledge: knowledge bases at scale. Prints "name: value unit" lines.
//
// A generated corpus of --files text files (about 5 KB each: 10,000 files make ~50 MB of English-like
// text over a 20,000-word vocabulary) is kept in --dir for later runs. Each run starts a fresh
// encrypted database there and measures:
//   ingest_*            adding the folder and ingesting it keyword-only: files/s, MB/s, and the
//                       process's peak resident memory while doing it
//   keyword_p50/p95_ms  keyword (BM25) retrieval of top 10 for 2–3-word queries, through the service
//                       (query log and hit counts included)
//   vector_*            a second base cut into ~--vector-chunks chunks, each with a --dims vector (from
//                       a local bag-of-words embedder, so no server is involved): exact vector search
//                       p50/p95 once the vectors are in memory, and the time to load them
//   hybrid_p50/p95_ms   keyword + vector with reciprocal-rank fusion
//   hnsw_*              the approximate index over the same vectors: build time, search p50/p95 and
//                       recall@10 against exact search
#include "knowledge/KnowledgeService.h"
#include "knowledge/VectorIndex.h"
#include "secrets/MemorySecretStore.h"
#include "storage/Database.h"
#include "storage/sqlcipher/SqlCipherDriver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSet>

#include "BenchReport.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

using namespace cairn;
using cairn::bench::percentile;
using cairn::bench::print;
using namespace cairn::knowledge;

namespace {

// Peak resident memory (VmHWM) in MB; resetPeak() starts a new measurement (Linux).
double peakRssMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    return 0;
}

void resetPeak()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
}

QStringList vocabulary(int n)
{
    QRandomGenerator rng(7);
    const char *syllables[] = {"ka", "lo", "mi", "ren", "tor", "vi", "sa", "qu", "el", "dor", "fen", "ga",
        "hal", "is", "jo", "lum", "ne", "or", "pra", "sil", "tun", "ur", "wex", "yal", "zen"};
    QSet<QString> seen;
    QStringList words;
    while (words.size() < n) {
        QString w;
        const int parts = 2 + int(rng.bounded(3));
        for (int i = 0; i < parts; ++i)
            w += QLatin1String(syllables[rng.bounded(int(std::size(syllables)))]);
        if (!seen.contains(w)) {
            seen.insert(w);
            words.append(w);
        }
    }
    return words;
}

// Zipf-like pick: small indexes are frequent.
int pick(QRandomGenerator &rng, int n)
{
    const double u = rng.generateDouble();
    return std::min(n - 1, int(std::pow(double(n), u)) - 1);
}

bool generateCorpus(const QString &dir, int files, const QStringList &words)
{
    QDir().mkpath(dir);
    if (QDir(dir).entryList(QDir::Files).size() == files)
        return true;
    QRandomGenerator rng(11);
    for (int f = 0; f < files; ++f) {
        QByteArray text;
        while (text.size() < 5000) {
            const int sentence = 8 + int(rng.bounded(14));
            QByteArray s;
            for (int i = 0; i < sentence; ++i) {
                QByteArray w = words.at(pick(rng, int(words.size()))).toLatin1();
                if (i == 0)
                    w[0] = char(std::toupper(w[0]));
                s += (i ? " " : "") + w;
            }
            text += s + ". ";
            if (rng.bounded(5) == 0)
                text += "\n\n";
        }
        QFile out(QDir(dir).filePath(QStringLiteral("doc-%1.txt").arg(f, 5, 10, QLatin1Char('0'))));
        if (!out.open(QIODevice::WriteOnly) || out.write(text) != text.size())
            return false;
        if (f % 500 == 0)
            std::fprintf(stderr, "\rgenerating %d/%d files", f, files);
    }
    std::fprintf(stderr, "\n");
    return true;
}

// A local embedding model for the benchmark: a sum of one pseudo-random unit vector per word.
class BagOfWordsEmbedder : public Embedder
{
public:
    explicit BagOfWordsEmbedder(int dims) : m_dims(dims) { }
    QString modelKey() const override { return QStringLiteral("bench/bag-of-words-%1").arg(m_dims); }
    Result<QList<QVector<float>>> embed(const QStringList &texts, const std::atomic<int> *) override
    {
        QList<QVector<float>> out;
        for (const QString &t : texts)
            out.append(vectorOf(t));
        return out;
    }
    QVector<float> vectorOf(const QString &text)
    {
        QVector<float> v(m_dims, 0.0F);
        for (const QString &w :
            text.toLower().split(QRegularExpression(QStringLiteral("[^a-z]+")), Qt::SkipEmptyParts)) {
            const QVector<float> &wv = wordVector(w);
            for (int i = 0; i < m_dims; ++i)
                v[i] += wv[i];
        }
        if (std::all_of(v.cbegin(), v.cend(), [](float x) { return x == 0; }))
            v[0] = 1;
        return v;
    }

private:
    const QVector<float> &wordVector(const QString &w)
    {
        auto it = m_words.find(w);
        if (it != m_words.end())
            return *it;
        QRandomGenerator rng(quint32(qHash(w, 1)));
        QVector<float> v(m_dims);
        for (float &x : v)
            x = float(rng.generateDouble() * 2 - 1);
        return *m_words.insert(w, v);
    }
    int m_dims;
    QHash<QString, QVector<float>> m_words;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    SqlCipherDriver::registerDriver();
    QCommandLineParser parser;
    parser.addOptions({{QStringLiteral("dir"), QStringLiteral("Working directory (kept)."),
                           QStringLiteral("DIR")},
        {QStringLiteral("files"), QStringLiteral("Corpus files (10000)."), QStringLiteral("N")},
        {QStringLiteral("vector-chunks"), QStringLiteral("About this many chunks get vectors (100000)."),
            QStringLiteral("N")},
        {QStringLiteral("dims"), QStringLiteral("Vector dimensions (768)."), QStringLiteral("N")},
        {QStringLiteral("queries"), QStringLiteral("Queries per measurement (200)."), QStringLiteral("N")},
        {QStringLiteral("ingest-only"), QStringLiteral("Stop after measuring ingestion.")},
        {QStringLiteral("keyword-only"), QStringLiteral("Stop after measuring keyword retrieval.")}});
    parser.addHelpOption();
    parser.process(app);
    const QString dir = parser.value(QStringLiteral("dir")).isEmpty()
        ? QDir::temp().filePath(QStringLiteral("cairn-bench-knowledge"))
        : parser.value(QStringLiteral("dir"));
    const int files
        = parser.isSet(QStringLiteral("files")) ? parser.value(QStringLiteral("files")).toInt() : 10000;
    const int vectorChunks = parser.isSet(QStringLiteral("vector-chunks"))
        ? parser.value(QStringLiteral("vector-chunks")).toInt()
        : 100000;
    const int dims
        = parser.isSet(QStringLiteral("dims")) ? parser.value(QStringLiteral("dims")).toInt() : 768;
    const int queries
        = parser.isSet(QStringLiteral("queries")) ? parser.value(QStringLiteral("queries")).toInt() : 200;

    const QStringList words = vocabulary(20000);
    const QString corpus = QDir(dir).filePath(QStringLiteral("corpus"));
    if (!generateCorpus(corpus, files, words)) {
        std::fprintf(stderr, "bench_knowledge: cannot write the corpus in %s\n", qPrintable(corpus));
        return 1;
    }
    qint64 corpusBytes = 0;
    for (const QFileInfo &fi : QDir(corpus).entryInfoList(QDir::Files))
        corpusBytes += fi.size();

    const QString dbPath = QDir(dir).filePath(QStringLiteral("bench.db"));
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(dbPath + suffix);
    Database::Options o;
    o.path = dbPath;
    o.key = DatabaseKey::generateRaw();
    o.create = true;
    auto db = Database::open(o);
    if (!db) {
        std::fprintf(stderr, "bench_knowledge: %s\n", qPrintable(db.error().message));
        return 1;
    }
    MemorySecretStore secrets;
    KnowledgeService service(db.value(), &secrets);
    const auto ingestAll = [&](const QString &what) {
        int n = 0;
        for (;;) {
            auto more = service.ingestBatch();
            if (!more) {
                std::fprintf(stderr, "bench_knowledge: %s\n", qPrintable(more.error().message));
                std::exit(1);
            }
            if (more.value() == 0)
                break;
            n += more.value();
            std::fprintf(stderr, "\r%s %d", qPrintable(what), n);
        }
        std::fprintf(stderr, "\n");
    };

    // ---- ingestion, keyword only
    auto base = service.createBase(QStringLiteral("Corpus"), QString(), {});
    resetPeak();
    const double rssBefore = peakRssMb();
    QElapsedTimer t;
    t.start();
    auto added = service.addPaths(base->id, {corpus});
    if (!added) {
        std::fprintf(stderr, "bench_knowledge: %s\n", qPrintable(added.error().message));
        return 1;
    }
    const double addSeconds = double(t.nsecsElapsed()) / 1e9;
    ingestAll(QStringLiteral("ingested"));
    const double seconds = double(t.nsecsElapsed()) / 1e9;
    print("corpus_files", files, "files");
    print("corpus_mb", double(corpusBytes) / 1e6, "MB");
    print("ingest_add_s", addSeconds, "s");
    print("ingest_total_s", seconds, "s");
    print("ingest_files_per_s", files / seconds, "files/s");
    print("ingest_mb_per_s", double(corpusBytes) / 1e6 / seconds, "MB/s");
    print("ingest_peak_rss_mb", peakRssMb(), "MB");
    print("ingest_rss_start_mb", rssBefore, "MB");
    print("chunks_keyword_base", double(service.findBase(base->id)->chunkCount), "chunks");
    if (parser.isSet(QStringLiteral("ingest-only"))) {
        db.value()->closeThreadConnection();
        return 0;
    }

    // ---- keyword retrieval
    QRandomGenerator rng(99);
    QStringList querySet;
    for (int i = 0; i < queries; ++i) {
        const int n = 2 + int(rng.bounded(2));
        QStringList q;
        for (int j = 0; j < n; ++j)
            q.append(words.at(50 + pick(rng, 5000)));
        querySet.append(q.join(u' '));
    }
    const auto measure = [&](const QString &baseId, RetrievalMode mode, const char *p50, const char *p95) {
        RetrievalOptions ro;
        ro.mode = mode;
        ro.topK = 10;
        ro.source = QStringLiteral("bench");
        std::vector<double> ms;
        for (const QString &q : querySet) {
            QElapsedTimer qt;
            qt.start();
            auto r = service.retrieve(baseId, q, ro);
            if (!r) {
                std::fprintf(stderr, "bench_knowledge: %s\n", qPrintable(r.error().message));
                std::exit(1);
            }
            ms.push_back(double(qt.nsecsElapsed()) / 1e6);
        }
        print(p50, percentile(ms, 0.5), "ms");
        print(p95, percentile(ms, 0.95), "ms");
    };
    measure(base->id, RetrievalMode::Keyword, "keyword_p50_ms", "keyword_p95_ms");
    if (parser.isSet(QStringLiteral("keyword-only"))) {
        db.value()->closeThreadConnection();
        return 0;
    }

    // ---- vectors: a base cut small enough for ~vectorChunks chunks
    KnowledgeSettings vs;
    vs.automaticChunking = false;
    // Chunks end at sentences, so they come out about a fifth smaller than the limit.
    vs.chunking.maxTokens = std::max(16, int(double(corpusBytes) / 4.0 / vectorChunks * 1.25));
    vs.chunking.overlapTokens = 0;
    vs.mode = RetrievalMode::Hybrid;
    auto embedder = std::make_shared<BagOfWordsEmbedder>(dims);
    struct Shared : Embedder {
        std::shared_ptr<BagOfWordsEmbedder> e;
        QString modelKey() const override { return e->modelKey(); }
        Result<QList<QVector<float>>> embed(const QStringList &texts, const std::atomic<int> *c) override
        {
            return e->embed(texts, c);
        }
    };
    service.setEmbedderFactory([&](const KnowledgeBaseRecord &) {
        auto s = std::make_unique<Shared>();
        s->e = embedder;
        return std::unique_ptr<Embedder>(std::move(s));
    });
    // The base has no connection: its chunks are embedded below in large batches, and retrieval
    // embeds queries through the factory.
    auto vbase = service.createBase(QStringLiteral("Vectors"), QString(), vs);
    const KnowledgeBaseRecord vrec = vbase.value();
    (void)service.addPaths(vrec.id, {corpus});
    t.restart();
    // Ingest (keyword), then embed: every document goes through the embedder.
    ingestAll(QStringLiteral("cut for vectors"));
    auto repo = service.repo();
    const QString key = embedder->modelKey();
    {
        qint64 done = 0;
        for (;;) {
            auto pending = repo->missingEmbeddings(vrec.id, key, 2048);
            if (!pending || pending->isEmpty())
                break;
            QList<StoredEmbedding> rows;
            for (const PendingEmbedding &p : pending.value())
                rows.append(
                    StoredEmbedding {p.contentHash, VectorIndex::normalised(embedder->vectorOf(p.content))});
            if (auto s = repo->storeEmbeddings(key, rows); !s) {
                std::fprintf(stderr, "bench_knowledge: %s\n", qPrintable(s.error().message));
                return 1;
            }
            done += rows.size();
            std::fprintf(stderr, "\rembedded %lld", static_cast<long long>(done));
        }
        std::fprintf(stderr, "\n");
    }
    print("vector_chunks", double(service.findBase(vrec.id)->chunkCount), "chunks");
    print("vector_dims", dims, "dims");
    print("vector_ingest_and_embed_s", double(t.nsecsElapsed()) / 1e9, "s");
    {
        RetrievalOptions ro;
        ro.mode = RetrievalMode::Vector;
        ro.log = false;
        QElapsedTimer lt;
        lt.start();
        (void)service.retrieve(vrec.id, querySet.first(), ro);
        print("vector_load_ms", double(lt.nsecsElapsed()) / 1e6, "ms");
    }
    measure(vrec.id, RetrievalMode::Vector, "vector_p50_ms", "vector_p95_ms");
    measure(vrec.id, RetrievalMode::Hybrid, "hybrid_p50_ms", "hybrid_p95_ms");

    // ---- the approximate index against exact search
    VectorIndex index(dims);
    QList<qint64> seqs;
    (void)repo->forEachVector(vrec.id, key, [&](qint64 seq, const QByteArray &bytes) {
        index.addStored(seq, bytes);
        seqs.append(seq);
        return true;
    });
    // Recall is measured with questions like the documents: the first words of random chunks
    // (random words alone are nearly equally far from every chunk, which makes "the" top ten
    // arbitrary).
    QStringList recallQueries;
    {
        QList<qint64> picked;
        for (int i = 0; i < queries && !seqs.isEmpty(); ++i)
            picked.append(seqs.at(rng.bounded(int(seqs.size()))));
        auto chunks = repo->chunksBySeq(picked);
        if (chunks)
            for (const KnowledgeChunkRecord &c : chunks.value())
                recallQueries.append(c.content.split(u' ', Qt::SkipEmptyParts).mid(0, 12).join(u' '));
    }
    t.restart();
    index.buildApproximate(2);
    print("hnsw_build_s", double(t.nsecsElapsed()) / 1e9, "s");
    double recall = 0;
    std::vector<double> exactMs;
    std::vector<double> approxMs;
    for (const QString &q : std::as_const(recallQueries)) {
        const QVector<float> v = embedder->vectorOf(q);
        QElapsedTimer qt;
        qt.start();
        const QList<VectorHit> exact = index.searchExact(v, 10);
        exactMs.push_back(double(qt.nsecsElapsed()) / 1e6);
        qt.restart();
        const QList<VectorHit> approx = index.searchApproximate(v, 10);
        approxMs.push_back(double(qt.nsecsElapsed()) / 1e6);
        QSet<qint64> truth;
        for (const VectorHit &h : exact)
            truth.insert(h.id);
        int found = 0;
        for (const VectorHit &h : approx)
            found += truth.contains(h.id) ? 1 : 0;
        recall += exact.isEmpty() ? 1.0 : double(found) / double(exact.size());
    }
    print("exact_scan_p50_ms", percentile(exactMs, 0.5), "ms");
    print("exact_scan_p95_ms", percentile(exactMs, 0.95), "ms");
    print("hnsw_p50_ms", percentile(approxMs, 0.5), "ms");
    print("hnsw_p95_ms", percentile(approxMs, 0.95), "ms");
    print("hnsw_recall_at_10", recall / double(std::max<qsizetype>(1, recallQueries.size())), "");
    db.value()->closeThreadConnection();
    return 0;
}
