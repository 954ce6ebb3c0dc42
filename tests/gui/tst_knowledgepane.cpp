// The Knowledge pane with real widgets (offscreen), the real encrypted database and the real
// ingestion worker: create a base, add a folder of 1,000 mixed files, watch statuses and progress while
// the GUI keeps responding, open a document's chunks and edit one, and test retrieval.
#include "GuiTestSupport.h"

#include "gui/panes/KnowledgePane.h"
#include "secrets/MemorySecretStore.h"

#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QElapsedTimer>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace cairn;
using namespace cairn::test;
using cairn::knowledge::RetrievalMode;

class TestKnowledgePane : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString write(const QString &relative, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(relative);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    static QStringList column(QTableWidget *table, int col)
    {
        QStringList out;
        for (int r = 0; r < table->rowCount(); ++r)
            out.append(table->item(r, col) ? table->item(r, col)->text() : QString());
        return out;
    }

private Q_SLOTS:
    void aFolderBecomesASearchableBase()
    {
        QVERIFY(m_dir.isValid());
        MemorySecretStore store;
        std::shared_ptr<Database> db = createDatabase(m_dir.path(), &store, KeyMode::Keychain);
        QVERIFY(db);
        // 1,000 notes, one of them about lighthouses, a file that is no text, and a large log that
        // goes through the ingestion queue.
        for (int i = 0; i < 997; ++i)
            write(QStringLiteral("docs/note-%1.md").arg(i, 4, 10, QLatin1Char('0')),
                "# Note " + QByteArray::number(i) + "\n\nOrdinary remarks about day " + QByteArray::number(i)
                    + " of the expedition.\n");
        write(QStringLiteral("docs/lighthouse.txt"), "The lighthouse keeper trims the wick at dusk.");
        write(QStringLiteral("docs/fake.txt"),
            QByteArray("\x7f"
                       "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
                16)
                + QByteArray(64, '\1'));
        QByteArray log;
        for (int i = 0; log.size() < 6 * 1024 * 1024; ++i)
            log += "Log line " + QByteArray::number(i) + ": pressure steady, wind from the west.\n";
        write(QStringLiteral("docs/zz-log.txt"), log);

        KnowledgePane pane(db, &store);
        pane.resize(1100, 700);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        pane.createBase(QStringLiteral("Expedition"));
        QTRY_COMPARE(pane.baseList()->count(), 1);
        QCOMPARE(pane.baseList()->currentItem()->text(), QStringLiteral("Expedition"));

        // The GUI thread keeps turning while the folder is added and indexed.
        QElapsedTimer beat;
        beat.start();
        qint64 longestStall = 0;
        QTimer ticker;
        connect(
            &ticker, &QTimer::timeout, &pane, [&] { longestStall = std::max(longestStall, beat.restart()); });
        ticker.start(10);
        bool sawBar = false;
        QTimer watcher;
        connect(&watcher, &QTimer::timeout, &pane, [&] {
            for (int r = 0; r < pane.documentTable()->rowCount(); ++r)
                sawBar = sawBar || qobject_cast<QProgressBar *>(pane.documentTable()->cellWidget(r, 4));
        });
        watcher.start(20);
        pane.addPaths({m_dir.filePath(QStringLiteral("docs"))});
        QTRY_COMPARE_WITH_TIMEOUT(pane.documentTable()->rowCount(), 1000, 60000);
        const auto allDone = [&] {
            const QStringList statuses = column(pane.documentTable(), 2);
            return statuses.count(QStringLiteral("Completed")) == 999 && statuses.size() == 1000;
        };
        QTRY_VERIFY_WITH_TIMEOUT(allDone(), 60000);
        ticker.stop();
        watcher.stop();
        qInfo("longest GUI-thread stall while 1,000 files were added and indexed: %lld ms", static_cast<long long>(longestStall));
        QVERIFY2(longestStall < 250, qPrintable(QStringLiteral("GUI stalled %1 ms").arg(longestStall)));
        QVERIFY(sawBar); // the large log showed a progress bar while it was indexed
        const QStringList names = column(pane.documentTable(), 0);
        const int fake = int(names.indexOf(QStringLiteral("fake.txt")));
        QVERIFY(fake >= 0);
        QVERIFY2(pane.documentTable()->item(fake, 2)->text().contains(QStringLiteral("binary data")),
            qPrintable(pane.documentTable()->item(fake, 2)->text()));
        QTRY_COMPARE(pane.overallProgress()->value(), pane.overallProgress()->maximum());
        QVERIFY(saveShot(&pane, QStringLiteral("knowledge-documents")));

        // Retrieval test, offline keyword search.
        pane.search(QStringLiteral("lighthouse keeper"), RetrievalMode::Keyword, 5);
        QTRY_VERIFY(pane.resultTable()->rowCount() >= 1);
        QCOMPARE(pane.resultTable()->item(0, 2)->text(), QStringLiteral("lighthouse.txt"));
        QCOMPARE(pane.resultTable()->item(0, 4)->text(), QStringLiteral("keyword"));
        QVERIFY(pane.resultTable()->item(0, 5)->text().contains(QStringLiteral("trims the wick")));
        QVERIFY(saveShot(&pane, QStringLiteral("knowledge-retrieval")));

        // A document's chunks: edit one; the new words are found at once.
        const int row = int(column(pane.documentTable(), 0).indexOf(QStringLiteral("lighthouse.txt")));
        QVERIFY(row >= 0);
        pane.documentTable()->scrollToItem(pane.documentTable()->item(row, 0));
        const QRect cell = pane.documentTable()->visualItemRect(pane.documentTable()->item(row, 0));
        QTest::mouseClick(pane.documentTable()->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(pane.documentTable()->viewport(), Qt::LeftButton, {}, cell.center());
        QDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = pane.findChild<QDialog *>(QStringLiteral("documentChunks"))) != nullptr);
        auto *chunks = dialog->findChild<QTableWidget *>();
        QTRY_COMPARE(chunks->rowCount(), 1);
        chunks->selectRow(0);
        auto *editor = dialog->findChild<QPlainTextEdit *>();
        QTRY_VERIFY(editor->toPlainText().contains(QStringLiteral("lighthouse")));
        editor->setPlainText(QStringLiteral("The lighthouse keeper also feeds the albatross."));
        QPushButton *save = nullptr;
        for (QPushButton *b : dialog->findChildren<QPushButton *>())
            if (b->text() == QStringLiteral("Save chunk"))
                save = b;
        QVERIFY(save);
        save->click();
        QTRY_VERIFY(chunks->item(0, 4) && chunks->item(0, 4)->text().contains(QStringLiteral("albatross")));
        QVERIFY(saveShot(dialog, QStringLiteral("knowledge-chunks")));
        dialog->close();
        pane.search(QStringLiteral("albatross"), RetrievalMode::Keyword, 5);
        QTRY_COMPARE(pane.resultTable()->rowCount(), 1);
        QCOMPARE(pane.resultTable()->item(0, 2)->text(), QStringLiteral("lighthouse.txt"));
    }
};

QTEST_MAIN(TestKnowledgePane)
#include "tst_knowledgepane.moc"
