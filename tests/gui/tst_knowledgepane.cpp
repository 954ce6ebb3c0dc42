// The Knowledge pane with real widgets (offscreen), the real encrypted database and the real
// ingestion worker: create a base, add a folder of 1,000 mixed files, watch statuses and progress while
// the GUI keeps responding, open a document's chunks and edit one, and test retrieval; pause, resume,
// cancel, re-index, disable and delete documents with the buttons (dropped on the pane), disable a
// chunk, run a query again from the query log, and change a base's settings.
#include "GuiTestSupport.h"
#include "KnowledgeFixtures.h"
#include "TestSupport.h"

#include "gui/panes/KnowledgePane.h"
#include "knowledge/KnowledgeService.h"
#include "knowledge/KnowledgeSettings.h"
#include "secrets/MemorySecretStore.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
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
        return test::writeUnder(m_dir.path(), relative, bytes);
    }

    template<typename W> static W *child(QWidget *parent, const char *name)
    {
        auto *w = parent->findChild<W *>(QLatin1String(name));
        if (!w)
            qFatal("no widget %s", name);
        return w;
    }

    static int rowNamed(QTableWidget *table, const QString &name)
    {
        for (int r = 0; r < table->rowCount(); ++r)
            if (table->item(r, 0) && table->item(r, 0)->text().startsWith(name))
                return r;
        return -1;
    }

    static QString statusOf(QTableWidget *table, const QString &name)
    {
        const int r = rowNamed(table, name);
        return r >= 0 && table->item(r, 2) ? table->item(r, 2)->text() : QString();
    }

    static bool hasBar(QTableWidget *table, const QString &name)
    {
        const int r = rowNamed(table, name);
        return r >= 0 && qobject_cast<QProgressBar *>(table->cellWidget(r, 4)) != nullptr;
    }

    static void selectDocument(QTableWidget *table, const QString &name)
    {
        const int r = rowNamed(table, name);
        QVERIFY2(r >= 0, qPrintable(name));
        table->setCurrentCell(r, 0);
    }

    // Runs a keyword search in the Test retrieval tab; returns once its results are shown.
    static int search(KnowledgePane &pane, const QString &query)
    {
        QSignalSpy shown(&pane, &KnowledgePane::searchShown);
        pane.search(query, RetrievalMode::Keyword, 5);
        if (!shown.wait(20000))
            qFatal("no results shown for %s", qPrintable(query));
        return pane.resultTable()->rowCount();
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
        // 1,000 files: notes, one of them about lighthouses, a PDF, a Word document, a file that is
        // no text, and a large log that goes through the ingestion queue.
        write(QStringLiteral("docs/charts.pdf"),
            test::makePdf({QStringLiteral("Tide tables for the northern harbour.")}));
        write(QStringLiteral("docs/letter.docx"),
            test::makeDocx({QStringLiteral("Dear crew, the sextant needs calibrating.")}));
        for (int i = 0; i < 995; ++i)
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
        qInfo("longest GUI-thread stall while 1,000 files were added and indexed: %lld ms",
            static_cast<long long>(longestStall));
        QVERIFY2(longestStall < 250, qPrintable(QStringLiteral("GUI stalled %1 ms").arg(longestStall)));
        QVERIFY(sawBar); // the large log showed a progress bar while it was indexed
        const QStringList names = column(pane.documentTable(), 0);
        const int fake = int(names.indexOf(QStringLiteral("fake.txt")));
        QVERIFY(fake >= 0);
        QVERIFY2(pane.documentTable()->item(fake, 2)->text().contains(QStringLiteral("binary data")),
            qPrintable(pane.documentTable()->item(fake, 2)->text()));
        QTRY_COMPARE(pane.overallProgress()->value(), pane.overallProgress()->maximum());
        QVERIFY(saveShot(&pane, QStringLiteral("knowledge-documents")));

        // The PDF and the Word document are searchable like the rest.
        QCOMPARE(search(pane, QStringLiteral("sextant")), 1);
        QCOMPARE(pane.resultTable()->item(0, 2)->text(), QStringLiteral("letter.docx"));
        QCOMPARE(search(pane, QStringLiteral("harbour tide")), 1);
        QCOMPARE(pane.resultTable()->item(0, 2)->text(), QStringLiteral("charts.pdf"));

        // Retrieval test, offline keyword search.
        QVERIFY(search(pane, QStringLiteral("lighthouse keeper")) >= 1);
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
        // Disable the chunk: it says so and search skips it; enable it again.
        QPushButton *toggleChunk = nullptr;
        for (QPushButton *b : dialog->findChildren<QPushButton *>())
            if (b->text() == QStringLiteral("Disable / enable"))
                toggleChunk = b;
        QVERIFY(toggleChunk);
        QTest::mouseClick(toggleChunk, Qt::LeftButton);
        QTRY_COMPARE(chunks->item(0, 3)->text(), QStringLiteral("no"));
        QCOMPARE(search(pane, QStringLiteral("albatross")), 0);
        QTest::mouseClick(toggleChunk, Qt::LeftButton);
        QTRY_COMPARE(chunks->item(0, 3)->text(), QStringLiteral("yes"));
        dialog->close();
        QCOMPARE(search(pane, QStringLiteral("albatross")), 1);
        QCOMPARE(pane.resultTable()->item(0, 2)->text(), QStringLiteral("lighthouse.txt"));

        // The query log lists every search, newest first; double-clicking one runs it again.
        QTableWidget *queries = pane.queryLog();
        // (The log is listed again after each search: wait for the listing with the last one.)
        QTRY_COMPARE(queries->rowCount(), 5);
        QCOMPARE(queries->item(0, 2)->text(), QStringLiteral("albatross"));
        QCOMPARE(queries->item(0, 1)->text(), QStringLiteral("Test retrieval"));
        QCOMPARE(queries->item(0, 3)->text(), QStringLiteral("Keyword"));
        QVERIFY2(queries->item(0, 4)->text().startsWith(QStringLiteral("1 chunk")),
            qPrintable(queries->item(0, 4)->text()));
        QVERIFY2(queries->item(1, 4)->text().startsWith(QStringLiteral("0 chunk")),
            qPrintable(queries->item(1, 4)->text()));
        const QStringList logged = column(queries, 2);
        QCOMPARE(logged.mid(0, 4),
            (QStringList {QStringLiteral("albatross"), QStringLiteral("albatross"),
                QStringLiteral("lighthouse keeper"), QStringLiteral("harbour tide")}));
        const int sextant = int(logged.indexOf(QStringLiteral("sextant")));
        QSignalSpy shown(&pane, &KnowledgePane::searchShown);
        pane.findChild<QTabWidget *>()->setCurrentIndex(1);
        queries->scrollToItem(queries->item(sextant, 2));
        const QRect logCell = queries->visualItemRect(queries->item(sextant, 2));
        QTest::mouseClick(queries->viewport(), Qt::LeftButton, {}, logCell.center());
        QTest::mouseDClick(queries->viewport(), Qt::LeftButton, {}, logCell.center());
        QVERIFY(shown.wait(20000));
        QCOMPARE(pane.resultTable()->rowCount(), 1);
        QCOMPARE(pane.resultTable()->item(0, 2)->text(), QStringLiteral("letter.docx"));
        QVERIFY(saveShot(&pane, QStringLiteral("knowledge-query-log")));
    }

    // The buttons under the documents: Pause and Resume, Cancel, Re-index, Disable / enable and
    // Delete, clicked as a user would while a large file is being indexed; then the Settings tab.
    void theQueueAndTheSettingsAreDrivenFromThePane()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        MemorySecretStore store;
        std::shared_ptr<Database> db = createDatabase(dir.path(), &store, KeyMode::Keychain);
        QVERIFY(db);
        QByteArray log;
        for (int i = 0; log.size() < 12 * 1024 * 1024; ++i)
            log += "Entry " + QByteArray::number(i) + ": the glacier moved a little further overnight.\n";
        const QString big = test::writeUnder(dir.path(), QStringLiteral("queue/glacier-log.txt"), log);
        const QString note = test::writeUnder(
            dir.path(), QStringLiteral("queue/penguins.md"), "Penguins huddle together against the wind.");

        KnowledgePane pane(db, &store);
        pane.resize(1100, 700);
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        pane.createBase(QStringLiteral("Queue"));
        QTRY_COMPARE(pane.baseList()->count(), 1);
        QTableWidget *docs = pane.documentTable();
        auto *pause = child<QPushButton>(&pane, "pauseIngestion");
        auto *cancel = child<QPushButton>(&pane, "cancelIngestion");
        auto *reindex = child<QPushButton>(&pane, "reindexDocument");
        auto *toggle = child<QPushButton>(&pane, "toggleDocument");
        auto *remove = child<QPushButton>(&pane, "deleteDocument");
        QCOMPARE(pause->text(), QStringLiteral("Pause"));

        // The files are dropped on the pane. Pause while the large one is being indexed: it stops
        // where it is and stays paused.
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(big), QUrl::fromLocalFile(note)});
        QDragEnterEvent enter(QPoint(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, {});
        QApplication::sendEvent(&pane, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, {});
        QApplication::sendEvent(&pane, &drop);
        QVERIFY(drop.isAccepted());
        QTRY_VERIFY_WITH_TIMEOUT(hasBar(docs, QStringLiteral("glacier-log.txt")), 20000);
        QTest::mouseClick(pause, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(
            statusOf(docs, QStringLiteral("glacier-log.txt")), QStringLiteral("Paused"), 20000);
        QTRY_COMPARE(pause->text(), QStringLiteral("Resume"));
        QCOMPARE(statusOf(docs, QStringLiteral("penguins.md")), QStringLiteral("Completed"));
        QTest::qWait(500);
        QCOMPARE(statusOf(docs, QStringLiteral("glacier-log.txt")), QStringLiteral("Paused"));
        QVERIFY(!hasBar(docs, QStringLiteral("glacier-log.txt")));
        QVERIFY2(child<QLabel>(&pane, "knowledgeStatus")->text().contains(QStringLiteral("Paused")),
            qPrintable(child<QLabel>(&pane, "knowledgeStatus")->text()));
        QVERIFY(saveShot(&pane, QStringLiteral("knowledge-paused")));

        // Resume: it is finished.
        QTest::mouseClick(pause, Qt::LeftButton);
        QTRY_COMPARE(pause->text(), QStringLiteral("Pause"));
        QTRY_COMPARE_WITH_TIMEOUT(
            statusOf(docs, QStringLiteral("glacier-log.txt")), QStringLiteral("Completed"), 60000);
        const int chunks = docs->item(rowNamed(docs, QStringLiteral("glacier-log.txt")), 3)
                               ->text()
                               .remove(u',')
                               .remove(u'.')
                               .toInt();
        QVERIFY2(chunks > 1000, qPrintable(QString::number(chunks)));

        // Re-index it, and cancel while it runs: it ends in error, "Cancelled.", and keyword
        // search no longer finds its words (its chunks are unsearchable until it is indexed again).
        selectDocument(docs, QStringLiteral("glacier-log.txt"));
        QTest::mouseClick(reindex, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(hasBar(docs, QStringLiteral("glacier-log.txt")), 20000);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            statusOf(docs, QStringLiteral("glacier-log.txt")).startsWith(QStringLiteral("Error: Cancelled")),
            20000);
        QCOMPARE(search(pane, QStringLiteral("glacier")), 0);

        // Re-index after the cancel: completed again, and found again.
        selectDocument(docs, QStringLiteral("glacier-log.txt"));
        QTest::mouseClick(reindex, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(
            statusOf(docs, QStringLiteral("glacier-log.txt")), QStringLiteral("Completed"), 60000);
        QCOMPARE(search(pane, QStringLiteral("glacier")), 5);

        // Disable a document: its row says so and search skips it; enable it again.
        selectDocument(docs, QStringLiteral("penguins.md"));
        QTest::mouseClick(toggle, Qt::LeftButton);
        QTRY_VERIFY(docs->item(rowNamed(docs, QStringLiteral("penguins.md")), 0)
                        ->text()
                        .contains(QStringLiteral("(disabled)")));
        QCOMPARE(search(pane, QStringLiteral("penguins")), 0);
        selectDocument(docs, QStringLiteral("penguins.md"));
        QTest::mouseClick(toggle, Qt::LeftButton);
        QTRY_VERIFY(!docs->item(rowNamed(docs, QStringLiteral("penguins.md")), 0)
                         ->text()
                         .contains(QStringLiteral("(disabled)")));
        QCOMPARE(search(pane, QStringLiteral("penguins")), 1);

        // Settings: rename, describe and cut into smaller chunks; the base is re-indexed with them.
        auto *tabs = pane.findChild<QTabWidget *>();
        QVERIFY(tabs);
        tabs->setCurrentIndex(2);
        auto *name = child<QLineEdit>(&pane, "baseName");
        QCOMPARE(name->text(), QStringLiteral("Queue"));
        name->setText(QStringLiteral("Field notes"));
        child<QLineEdit>(&pane, "baseDescription")->setText(QStringLiteral("Logs from the ice"));
        child<QCheckBox>(&pane, "customChunking")->setChecked(true);
        child<QSpinBox>(&pane, "chunkSize")->setValue(64);
        child<QSpinBox>(&pane, "chunkOverlap")->setValue(0);
        child<QSpinBox>(&pane, "defaultTopK")->setValue(7);
        QTest::mouseClick(child<QPushButton>(&pane, "saveKnowledgeSettings"), Qt::LeftButton);
        QTRY_COMPARE(pane.baseList()->currentItem()->text(), QStringLiteral("Field notes"));
        QVERIFY(saveShot(&pane, QStringLiteral("knowledge-settings")));
        tabs->setCurrentIndex(0);
        QTRY_COMPARE_WITH_TIMEOUT(
            statusOf(docs, QStringLiteral("glacier-log.txt")), QStringLiteral("Completed"), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(docs->item(rowNamed(docs, QStringLiteral("glacier-log.txt")), 3)
                                     ->text()
                                     .remove(u',')
                                     .remove(u'.')
                                     .toInt()
                > chunks * 3,
            60000);
        // Stored: what the settings show after the base is opened again comes from the database.
        {
            knowledge::KnowledgeService check(db, &store);
            auto base = check.findBase(QStringLiteral("Field notes"));
            QVERIFY(base.ok());
            QCOMPARE(base->description, QStringLiteral("Logs from the ice"));
            const knowledge::KnowledgeSettings saved = knowledge::KnowledgeSettings::fromJson(base->settings);
            QVERIFY(!saved.automaticChunking);
            QCOMPARE(saved.chunking.maxTokens, 64);
            QCOMPARE(saved.chunking.overlapTokens, 0);
            QCOMPARE(saved.topK, 7);
            db->closeThreadConnection();
        }

        // Delete a document, answering the question.
        selectDocument(docs, QStringLiteral("penguins.md"));
        QTimer::singleShot(0, &pane, [] {
            QTRY_VERIFY(qobject_cast<QMessageBox *>(QApplication::activeModalWidget()));
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            QVERIFY(box->text().contains(QStringLiteral("penguins.md")));
            QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
        });
        QTest::mouseClick(remove, Qt::LeftButton);
        QTRY_COMPARE(docs->rowCount(), 1);
        QCOMPARE(rowNamed(docs, QStringLiteral("penguins.md")), -1);
    }
};

QTEST_MAIN(TestKnowledgePane)
#include "tst_knowledgepane.moc"
