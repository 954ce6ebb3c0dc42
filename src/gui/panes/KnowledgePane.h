#pragma once

#include "knowledge/KnowledgeBackend.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTabWidget;
class QTableWidget;

namespace cairn {

class Database;
class EmptyState;
class SecretStore;

// Knowledge bases: the list of bases; for the selected one its documents with their status and
// progress (add files or folders by dialog or drag and drop; pause, resume, cancel; re-index,
// disable, delete; open a document's chunks to edit or disable them), a retrieval-test panel and
// the base's settings. All work happens on KnowledgeBackend's worker thread.
class KnowledgePane : public QWidget
{
    Q_OBJECT
public:
    explicit KnowledgePane(QWidget *parent = nullptr); // no database: the empty state only
    KnowledgePane(std::shared_ptr<Database> db, SecretStore *secrets, QWidget *parent = nullptr);

    EmptyState *emptyState() const { return m_empty; }
    knowledge::KnowledgeBackend *backend() const { return m_backend; }
    QString currentBaseId() const;

    // For tests and drag and drop: adds files or folders to the selected base.
    void addPaths(const QStringList &paths);
    void createBase(const QString &name);
    void search(const QString &query, knowledge::RetrievalMode mode, int topK);

    QListWidget *baseList() const { return m_bases; }
    QTableWidget *documentTable() const { return m_documents; }
    QTableWidget *resultTable() const { return m_results; }
    QTableWidget *queryLog() const { return m_queryLog; }
    QProgressBar *overallProgress() const { return m_overall; }
    QLabel *statusLabel() const { return m_status; }

Q_SIGNALS:
    void documentsShown(int count); // the documents table was refreshed
    void searchShown(int results);
    void queriesShown(int count); // the query log was refreshed

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void build();
    void showBases(const QList<KnowledgeBaseRecord> &bases);
    void showDocuments(const QString &baseId, const QList<KnowledgeDocumentRecord> &documents);
    void showProgress(const knowledge::IngestProgress &progress);
    void showResults(int requestId, const knowledge::RetrievalResult &result);
    void showQueries(const QList<QueryLogRecord> &queries);
    void showSettings(const KnowledgeBaseRecord &base);
    void saveSettings();
    void openDocument(int row);
    void selectedBaseChanged();
    QString selectedDocumentId() const;
    static QString statusText(const QString &status);

    knowledge::KnowledgeBackend *m_backend = nullptr;
    QList<KnowledgeBaseRecord> m_baseRecords;
    QString m_pendingSelection;
    int m_requestId = 0;

    EmptyState *m_empty = nullptr;
    QStackedWidget *m_stack = nullptr;
    QListWidget *m_bases = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTableWidget *m_documents = nullptr;
    QProgressBar *m_overall = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_pause = nullptr;
    QLineEdit *m_query = nullptr;
    QComboBox *m_mode = nullptr;
    QSpinBox *m_topK = nullptr;
    QTableWidget *m_results = nullptr;
    QLabel *m_resultNote = nullptr;
    QTableWidget *m_queryLog = nullptr;
    // settings
    QLineEdit *m_name = nullptr;
    QLineEdit *m_description = nullptr;
    QCheckBox *m_customChunks = nullptr;
    QSpinBox *m_chunkSize = nullptr;
    QSpinBox *m_overlap = nullptr;
    QLineEdit *m_separators = nullptr;
    QCheckBox *m_collapse = nullptr;
    QCheckBox *m_dropUrls = nullptr;
    QComboBox *m_connection = nullptr;
    QLineEdit *m_model = nullptr;
    QComboBox *m_defaultMode = nullptr;
    QSpinBox *m_defaultTopK = nullptr;
    QDoubleSpinBox *m_threshold = nullptr;
    QComboBox *m_fusion = nullptr;
    QDoubleSpinBox *m_vectorWeight = nullptr;
    QHash<QString, int> m_rowOfDocument;
};

} // namespace cairn
