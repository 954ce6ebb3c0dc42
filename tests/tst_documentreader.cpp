// Reading documents for knowledge bases: kinds, encodings, HTML to text, and a clear error for each
// kind of bad input (empty, binary renamed .txt, unsupported, cancelled), with large files read in
// bounded pieces.
#include "KnowledgeFixtures.h"
#include "knowledge/DocumentReader.h"
#include "knowledge/KnowledgeText.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace cairn;
using namespace cairn::knowledge;

class TestDocumentReader : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    static Result<QString> readAll(const QString &path)
    {
        QFile f(path);
        const QByteArray head = f.open(QIODevice::ReadOnly) ? f.peek(65536) : QByteArray();
        QString text;
        Result<qint64> n = readDocument(path, kindOf(path, head), [&](QStringView piece) {
            text += piece;
            return true;
        });
        if (!n)
            return n.error();
        return text;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void kindsComeFromNameAndContent()
    {
        QCOMPARE(kindOf(QStringLiteral("a.md"), "# x"), DocumentKind::Markdown);
        QCOMPARE(kindOf(QStringLiteral("a.TXT"), "x"), DocumentKind::Text);
        QCOMPARE(kindOf(QStringLiteral("page.htm"), "<p>"), DocumentKind::Html);
        QCOMPARE(kindOf(QStringLiteral("data.csv"), "a,b"), DocumentKind::Csv);
        QCOMPARE(kindOf(QStringLiteral("main.rs"), "fn"), DocumentKind::Code);
        QCOMPARE(kindOf(QStringLiteral("report.txt"), "%PDF-1.7\n"), DocumentKind::Pdf); // content wins
        QCOMPARE(kindOf(QStringLiteral("photo.jpg"), "\xFF\xD8"), DocumentKind::Unsupported);
    }

    void encodingsAreDetected()
    {
        QCOMPARE(readAll(write(QStringLiteral("utf8.txt"), QStringLiteral("Crème brûlée 東京\n").toUtf8()))
                     .value(),
            QStringLiteral("Crème brûlée 東京\n"));
        QCOMPARE(
            readAll(write(QStringLiteral("bom.txt"), "\xEF\xBB\xBFhello")).value(), QStringLiteral("hello"));
        QByteArray utf16("\xFF\xFE", 2);
        for (const QChar c : QStringLiteral("héllo"))
            utf16.append(static_cast<char>(c.unicode() & 0xFF)).append(static_cast<char>(c.unicode() >> 8));
        QCOMPARE(readAll(write(QStringLiteral("utf16.txt"), utf16)).value(), QStringLiteral("héllo"));
        // Not UTF-8: read as Latin-1 rather than refused.
        QCOMPARE(readAll(write(QStringLiteral("latin1.txt"), "caf\xE9 cr\xE8me")).value(),
            QStringLiteral("café crème"));
    }

    void htmlBecomesText()
    {
        const QString text
            = readAll(write(QStringLiteral("page.html"),
                          "<html><head><title>T</title><style>p{}</style></head><body>"
                          "<script>alert('x')</script><h1>Title</h1><p>Fish &amp; chips &lt;3"
                          "&#233;&#x4e2d;&nbsp;ok</p><!-- hidden --><ul><li>one</li><li>two</li></ul>"
                          "</body></html>"))
                  .value();
        QVERIFY2(text.contains(QStringLiteral("Title\n")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Fish & chips <3\u00e9\u4e2d ok")));
        QVERIFY(text.contains(QStringLiteral("one\ntwo")));
        QVERIFY(!text.contains(QStringLiteral("alert")));
        QVERIFY(!text.contains(QStringLiteral("hidden")));
        QVERIFY(!text.contains(QStringLiteral("p{}")));
        QVERIFY(!text.contains(u'<' + QStringLiteral("h1")));
    }

    void badInputGetsAClearError_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("says");
        QTest::newRow("empty") << QStringLiteral("empty.txt") << QByteArray() << QStringLiteral("is empty");
        QTest::newRow("binary renamed .txt") << QStringLiteral("program.txt")
                                             << QByteArray("\x7f"
                                                           "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
                                                    16)
                                             << QStringLiteral("binary data");
        QTest::newRow("unsupported") << QStringLiteral("photo.jpg") << QByteArray("\xFF\xD8\xFF\xE0", 4)
                                     << QStringLiteral("not a supported document");
        QTest::newRow("only markup") << QStringLiteral("blank.html")
                                     << QByteArray("<html><body></body></html>")
                                     << QStringLiteral("has no text");
        QByteArray late(200000, 'a');
        late[150000] = '\0';
        QTest::newRow("binary after the start")
            << QStringLiteral("late.txt") << late << QStringLiteral("binary data");
    }

    void badInputGetsAClearError()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, says);
        const Result<QString> got = readAll(write(name, bytes));
        QVERIFY(!got.ok());
        QVERIFY2(got.error().message.contains(says), qPrintable(got.error().message));
        QVERIFY(got.error().message.contains(name));
    }

    void pdfPagesAreReadInOrder()
    {
        const QString path = write(QStringLiteral("guide.pdf"),
            test::makePdf({QStringLiteral("Chapter one: the keychain\nholds the database key."),
                QStringLiteral("Chapter two (local models)")}));
        const Result<QString> got = readAll(path);
        QVERIFY2(got.ok(), qPrintable(got.ok() ? QString() : got.error().message));
        const QString text = got.value().simplified();
        QVERIFY2(text.contains(QStringLiteral("Chapter one: the keychain holds the database key.")),
            qPrintable(text));
        QVERIFY(text.indexOf(QStringLiteral("Chapter two (local models)"))
            > text.indexOf(QStringLiteral("keychain")));
    }

    void wordDocumentsAreReadAsParagraphs()
    {
        const QString path = write(QStringLiteral("memo.docx"),
            test::makeDocx(
                {QStringLiteral("Crème brûlée & <tags> stay text."), QStringLiteral("Second paragraph.")}));
        const Result<QString> got = readAll(path);
        QVERIFY2(got.ok(), qPrintable(got.ok() ? QString() : got.error().message));
        QCOMPARE(got.value(), QStringLiteral("Crème brûlée & <tags> stay text.\nSecond paragraph.\n"));
    }

    void badDocumentsGetAClearError_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("says");
        QByteArray pdf = test::makePdf({QStringLiteral("Some text")});
        QTest::newRow("corrupt PDF") << QStringLiteral("broken.pdf") << pdf.left(40) + QByteArray(300, '\x7f')
                                     << QStringLiteral("damaged");
        QTest::newRow("encrypted PDF")
            << QStringLiteral("locked.pdf") << test::makePdf({QStringLiteral("Secret")}, true)
            << QStringLiteral("encrypted PDF");
        QTest::newRow("PDF without text")
            << QStringLiteral("scan.pdf") << test::makePdf({QString()}) << QStringLiteral("has no text");
        QTest::newRow("zip bomb .docx")
            << QStringLiteral("bomb.docx") << test::makeZipBombDocx(20 * 1024 * 1024)
            << QStringLiteral("zip bomb");
        QTest::newRow("not a zip .docx")
            << QStringLiteral("fake.docx") << QByteArray(4096, 'x') << QStringLiteral("damaged");
        QTest::newRow("zip without a document")
            << QStringLiteral("other.docx")
            << test::makeZipBombDocx(0).replace("word/document.xml", "word/other000.xml")
            << QStringLiteral("no word/document.xml");
    }

    void badDocumentsGetAClearError()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, says);
        QVERIFY(bytes.size() < 2 * 1024 * 1024); // a bomb is small on disk
        const Result<QString> got = readAll(write(name, bytes));
        QVERIFY(!got.ok());
        QVERIFY2(got.error().message.contains(says), qPrintable(got.error().message));
        QVERIFY(got.error().message.contains(name));
    }

    void largeFilesArriveInBoundedPiecesAndCanBeCancelled()
    {
        // 24 MB of text: read in pieces of at most a megabyte, chunked as it arrives.
        QByteArray line = "The quick brown fox jumps over the lazy dog. ";
        QByteArray big;
        big.reserve(24 * 1024 * 1024);
        for (int i = 0; big.size() < 24 * 1024 * 1024; ++i)
            big += (i % 20 == 19) ? QByteArray("\n\n") : line;
        const QString path = write(QStringLiteral("big.txt"), big);
        big.clear();
        big.squeeze();
        qsizetype largest = 0;
        qint64 total = 0;
        ChunkStream chunks;
        int produced = 0;
        Result<qint64> n = readDocument(path, DocumentKind::Text, [&](QStringView piece) {
            largest = std::max(largest, piece.size());
            total += piece.size();
            chunks.feed(piece);
            produced += static_cast<int>(chunks.take().size());
            return true;
        });
        QVERIFY(n.ok());
        QCOMPARE(n.value(), total);
        QVERIFY(total > 24 * 1000 * 1000);
        QVERIFY(largest <= 1024 * 1024);
        chunks.finish();
        produced += static_cast<int>(chunks.take().size());
        QVERIFY(produced > 10000);
        // Cancelled from outside after the first piece: a Cancelled error, nothing more delivered.
        std::atomic<bool> cancel {false};
        int pieces = 0;
        Result<qint64> stopped = readDocument(
            path, DocumentKind::Text,
            [&](QStringView) {
                ++pieces;
                cancel = true;
                return true;
            },
            &cancel);
        QVERIFY(!stopped.ok());
        QCOMPARE(stopped.error().code, ErrorCode::Cancelled);
        QCOMPARE(pieces, 1);
        QVERIFY(QFile::remove(path));
    }
};

QTEST_APPLESS_MAIN(TestDocumentReader)
#include "tst_documentreader.moc"
