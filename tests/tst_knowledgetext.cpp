// Knowledge-base text pipeline, no I/O: cleaning, token estimates and chunking (sizes, overlap,
// separators, CJK, streaming in bounded pieces).
#include "knowledge/KnowledgeText.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace cairn::knowledge;

class TestKnowledgeText : public QObject
{
    Q_OBJECT

    static QString paragraphs(int count, int wordsEach)
    {
        QString out;
        QRandomGenerator rng(7);
        for (int p = 0; p < count; ++p) {
            for (int w = 0; w < wordsEach; ++w) {
                out += QStringLiteral("word%1").arg(rng.bounded(1000));
                out += w + 1 < wordsEach ? QStringLiteral(" ") : QStringLiteral(".");
            }
            out += QStringLiteral("\n\n");
        }
        return out;
    }

    // The text of the chunks with their overlaps removed, words only: nothing lost, nothing added.
    static QStringList words(const QString &text)
    {
        return text.split(QRegularExpression(QStringLiteral("[\\s.]+")), Qt::SkipEmptyParts);
    }

private Q_SLOTS:
    void tokensAreEstimatedWithoutAModel()
    {
        QCOMPARE(estimateTokens(u""), 0);
        QCOMPARE(estimateTokens(u"abcd"), 1);
        QCOMPARE(estimateTokens(u"abcde"), 2);
        QCOMPARE(estimateTokens(u"東京都"), 3); // CJK: a token a character
        QCOMPARE(estimateTokens(u"東京 tokyo"), 2 + 2);
        QCOMPARE(estimateTokens(QStringLiteral("😀😀😀😀")), 1); // a surrogate pair is one character
    }

    void cleaningFollowsTheSettings()
    {
        ChunkSettings s;
        QCOMPARE(clean(QStringLiteral("a  \t b \n\n\n\n c  \n d"), s), QStringLiteral("a b\n\nc\nd"));
        s.dropUrlsAndEmails = true;
        QCOMPARE(clean(QStringLiteral("see https://example.com/x?y=1 or mail me@example.org now"), s),
            QStringLiteral("see or mail now"));
        ChunkSettings raw;
        raw.collapseWhitespace = false;
        QCOMPARE(clean(QStringLiteral("a  b\n\n\n"), raw), QStringLiteral("a  b\n\n\n"));
    }

    void chunksRespectTheSizeAndOverlap()
    {
        ChunkSettings s;
        s.maxTokens = 60;
        s.overlapTokens = 10;
        const QString text = paragraphs(120, 9) + paragraphs(10, 40); // short paragraphs, then long ones
        const QList<Chunk> chunks = split(text, s);
        QVERIFY(chunks.size() > 10);
        for (int i = 0; i < chunks.size(); ++i) {
            QCOMPARE(chunks[i].position, i);
            QVERIFY2(chunks[i].tokens <= s.maxTokens, qPrintable(QString::number(chunks[i].tokens)));
            QCOMPARE(chunks[i].tokens, estimateTokens(chunks[i].text));
            QVERIFY(!chunks[i].text.trimmed().isEmpty());
        }
        // Each chunk starts with the end of the one before (a few words of overlap).
        int overlapping = 0;
        for (int i = 1; i < chunks.size(); ++i) {
            const QStringList prev = words(chunks[i - 1].text);
            const QStringList next = words(chunks[i].text);
            overlapping += !next.isEmpty()
                && prev.mid(std::max<qsizetype>(0, prev.size() - 6)).contains(next.first());
        }
        QVERIFY(overlapping > 0);
        // No overlap: the chunks are the text, in order, word for word.
        s.overlapTokens = 0;
        QStringList joined;
        for (const Chunk &c : split(text, s))
            joined += words(c.text);
        QCOMPARE(joined, words(text));
    }

    void separatorsAreTriedInOrder()
    {
        ChunkSettings s;
        s.maxTokens = 12;
        s.overlapTokens = 0;
        s.separators = {QStringLiteral("###")};
        const QList<Chunk> chunks = split(QStringLiteral("alpha beta gamma###delta epsilon###zeta"), s);
        // 39 characters: ~10 tokens fit in one chunk.
        QCOMPARE(chunks.size(), 1);
        s.maxTokens = 5;
        const QList<Chunk> cut = split(QStringLiteral("alpha beta gamma###delta epsilon###zeta"), s);
        // Cut at each separator, then pieces are merged up to the size again.
        QCOMPARE(cut.size(), 2);
        QCOMPARE(cut[0].text, QStringLiteral("alpha beta gamma###"));
        QCOMPARE(cut[1].text, QStringLiteral("delta epsilon###zeta"));
        // Text with no separator at all is cut anywhere, never inside a surrogate pair.
        const QString emoji = QString(40, QLatin1Char('x')) + QStringLiteral("😀😀😀");
        for (const Chunk &c : split(emoji, s)) {
            QVERIFY(c.tokens <= 5);
            QVERIFY(!c.text.startsWith(QChar(0xDE00)) && !c.text.back().isHighSurrogate());
        }
    }

    void cjkTextIsChunkedByCharacters()
    {
        ChunkSettings s;
        s.maxTokens = 20;
        s.overlapTokens = 0;
        const QString text = QString(200, QChar(0x6771)); // 東 × 200, no separators
        const QList<Chunk> chunks = split(text, s);
        QCOMPARE(chunks.size(), 10);
        for (const Chunk &c : chunks)
            QCOMPARE(c.text.size(), 20);
    }

    void streamingGivesTheSameChunksInBoundedPieces()
    {
        ChunkSettings s;
        s.maxTokens = 100;
        s.overlapTokens = 0;
        const QString text = paragraphs(3000, 25); // about 600 KB
        const QList<Chunk> whole = split(text, s);
        ChunkStream stream(s);
        QList<Chunk> streamed;
        qsizetype largestBatch = 0;
        for (qsizetype at = 0; at < text.size(); at += 4093) {
            stream.feed(QStringView(text).mid(at, 4093));
            const QList<Chunk> ready = stream.take();
            largestBatch = std::max(largestBatch, ready.size());
            streamed += ready;
        }
        stream.finish();
        streamed += stream.take();
        QVERIFY(largestBatch < whole.size()); // chunks came out while text still arrived
        QStringList a, b;
        for (const Chunk &c : whole)
            a += words(c.text);
        for (const Chunk &c : streamed)
            b += words(c.text);
        QCOMPARE(b, a);
        for (int i = 0; i < streamed.size(); ++i) {
            QCOMPARE(streamed[i].position, i);
            QVERIFY(streamed[i].tokens <= s.maxTokens);
        }
    }

    void emptyAndBlankTextGiveNoChunks()
    {
        QVERIFY(split(QString()).isEmpty());
        QVERIFY(split(QStringLiteral(" \n\n \t \n")).isEmpty());
        ChunkSettings odd;
        odd.maxTokens = -5;
        odd.overlapTokens = 1000;
        const ChunkSettings fixed = odd.normalised();
        QCOMPARE(fixed.maxTokens, 1);
        QCOMPARE(fixed.overlapTokens, 0);
        QCOMPARE(split(QStringLiteral("abcd efgh"), odd).size(), 2); // one token each; the space is no chunk
    }
};

QTEST_APPLESS_MAIN(TestKnowledgeText)
#include "tst_knowledgetext.moc"
