// The vector index: exact cosine search, refusal of vectors of the wrong size, and the approximate
// (HNSW) index's recall against exact search.
#include "knowledge/VectorIndex.h"

#include <QRandomGenerator>
#include <QSet>
#include <QTest>
#include <QtEndian>

#include <thread>

using namespace cairn::knowledge;

namespace {

QVector<float> randomVector(QRandomGenerator &rng, int dims)
{
    QVector<float> v(dims);
    for (float &x : v)
        x = float(rng.generateDouble() * 2.0 - 1.0);
    return v;
}

} // namespace

class TestVectorIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exactSearchRanksByCosine()
    {
        VectorIndex index(3);
        const float a[] = {1, 0, 0};
        const float b[] = {0.8F, 0.6F, 0};
        const float c[] = {0, 0, 5}; // length does not matter: vectors are normalised
        const float zero[] = {0, 0, 0};
        QVERIFY(index.add(10, a, 3));
        QVERIFY(index.add(20, b, 3));
        QVERIFY(index.add(30, c, 3));
        QVERIFY(!index.add(40, zero, 3)); // no direction
        QVERIFY(!index.add(50, a, 2)); // wrong size: never mixed in
        QCOMPARE(index.size(), 3);
        const QList<VectorHit> hits = index.searchExact({2, 0.1F, 0}, 2);
        QCOMPARE(hits.size(), 2);
        QCOMPARE(hits.at(0).id, 10);
        QCOMPARE(hits.at(1).id, 20);
        QVERIFY(hits.at(0).similarity > 0.99F && hits.at(0).similarity <= 1.0001F);
        QVERIFY(std::abs(hits.at(1).similarity - 0.8F * 2 / std::sqrt(4.01F) - 0.6F * 0.1F / std::sqrt(4.01F))
            < 1e-4);
        QVERIFY(index.searchExact({1, 0}, 2).isEmpty()); // a query of the wrong size finds nothing
        QCOMPARE(index.searchExact({0, 0, 1}, 10).size(), 3);

        // Stored form: float32 little-endian.
        QByteArray stored(3 * 4, '\0');
        const float d[] = {0, 1, 0};
        qToLittleEndian<float>(d, 3, stored.data());
        QVERIFY(index.addStored(60, stored));
        QVERIFY(!index.addStored(70, stored.left(8)));
        QCOMPARE(index.searchExact({0, 1, 0}, 1).first().id, 60);
    }

    void approximateIndexRecallsWhatExactSearchFinds()
    {
        QRandomGenerator rng(42);
        const int dims = 48;
        VectorIndex index(dims);
        for (int i = 0; i < 4000; ++i) {
            const QVector<float> v = randomVector(rng, dims);
            QVERIFY(index.add(i, v.constData(), dims));
        }
        QVERIFY(!index.hasApproximate());
        int progressCalls = 0;
        QVERIFY(index.buildApproximate(2, nullptr, [&](qsizetype done, qsizetype total) {
            QVERIFY(done <= total);
            ++progressCalls;
        }));
        QVERIFY(index.hasApproximate());
        QVERIFY(progressCalls >= 1);
        double recall = 0;
        const int queries = 50;
        for (int q = 0; q < queries; ++q) {
            const QVector<float> query = randomVector(rng, dims);
            QSet<qint64> exact;
            for (const VectorHit &h : index.searchExact(query, 10))
                exact.insert(h.id);
            int found = 0;
            for (const VectorHit &h : index.searchApproximate(query, 10))
                found += exact.contains(h.id) ? 1 : 0;
            recall += found / 10.0;
        }
        recall /= queries;
        QVERIFY2(recall >= 0.95, qPrintable(QString::number(recall)));

        // Vectors that share a large common part, as text embeddings do (the index builds its graph
        // without it): the approximate search still ranks by cosine to the query, and its
        // similarities are the exact ones.
        VectorIndex common(dims);
        const QVector<float> shared = randomVector(rng, dims);
        for (int i = 0; i < 2000; ++i) {
            QVector<float> v = randomVector(rng, dims);
            for (int d = 0; d < dims; ++d)
                v[d] = 4.0F * shared[d] + v[d];
            QVERIFY(common.add(i, v.constData(), dims));
        }
        QVERIFY(common.buildApproximate(2));
        for (int q = 0; q < 20; ++q) {
            const QVector<float> query = randomVector(rng, dims);
            const QList<VectorHit> exact = common.searchExact(query, 10);
            const QList<VectorHit> approx = common.searchApproximate(query, 10);
            QCOMPARE(approx.size(), 10);
            // The graph is searched to a breadth larger than this set: the result is exact.
            for (int k = 0; k < 10; ++k) {
                QCOMPARE(approx.at(k).id, exact.at(k).id);
                QVERIFY2(std::abs(approx.at(k).similarity - exact.at(k).similarity) < 1e-5F,
                    qPrintable(
                        QStringLiteral("%1 vs %2").arg(approx.at(k).similarity).arg(exact.at(k).similarity)));
            }
        }

        // Cancelled before it starts: no index (and a cancelled rebuild keeps the one there was).
        std::atomic<bool> cancel {true};
        QVERIFY(!index.buildApproximate(2, &cancel));
        QVERIFY(index.hasApproximate());
        VectorIndex fresh(dims);
        for (int i = 0; i < 100; ++i) {
            const QVector<float> v = randomVector(rng, dims);
            QVERIFY(fresh.add(i, v.constData(), dims));
        }
        QVERIFY(!fresh.buildApproximate(2, &cancel));
        QVERIFY(!fresh.hasApproximate());

        // Searches run while the index is built on another thread: exact until it is published.
        VectorIndex busy(dims);
        for (int i = 0; i < 3000; ++i) {
            const QVector<float> v = randomVector(rng, dims);
            QVERIFY(busy.add(i, v.constData(), dims));
        }
        const QVector<float> probe = randomVector(rng, dims);
        const QList<VectorHit> truth = busy.searchExact(probe, 5);
        std::atomic<bool> built {false};
        std::thread builder([&] { built = busy.buildApproximate(1); });
        int searches = 0;
        while (!built.load()) {
            const QList<VectorHit> hits = busy.search(probe, 5);
            QCOMPARE(hits.size(), 5);
            QCOMPARE(hits.first().id, truth.first().id);
            ++searches;
        }
        builder.join();
        QVERIFY(busy.hasApproximate());
        QVERIFY(searches > 0);
        QCOMPARE(busy.search(probe, 5).first().id, truth.first().id);
    }
};

QTEST_APPLESS_MAIN(TestVectorIndex)
#include "tst_vectorindex.moc"
