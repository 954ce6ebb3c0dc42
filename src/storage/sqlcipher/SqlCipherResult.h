#pragma once

#include <QSqlError>
#include <QSqlRecord>
#include <QSqlResult>
#include <QVariant>

#include <deque>

struct sqlite3_stmt;

namespace cairn {

class SqlCipherDriver;

// One prepared statement. Forward-only results keep only the current row; scrollable results keep
// the rows stepped so far, so QSqlQueryModel can seek backwards.
class SqlCipherResult final : public QSqlResult
{
public:
    explicit SqlCipherResult(const SqlCipherDriver *driver);
    ~SqlCipherResult() override;

    QVariant handle() const override;
    void finalizeStatement();

protected:
    bool reset(const QString &query) override;
    bool prepare(const QString &query) override;
    bool exec() override;
    QVariant data(int field) override;
    bool isNull(int field) override;
    bool fetch(int index) override;
    bool fetchFirst() override;
    bool fetchLast() override;
    bool fetchNext() override;
    int size() override;
    int numRowsAffected() override;
    QVariant lastInsertId() const override;
    QSqlRecord record() const override;
    void detachFromResultSet() override;

private:
    const SqlCipherDriver *cipherDriver() const;
    bool run(bool bindValues);
    bool bindAll();
    bool stepRow();
    QVariant columnValue(int col) const;
    QVariantList statementRow() const; // the statement's current row
    const QVariantList *currentRow() const;
    void setError(const QString &what, QSqlError::ErrorType type, int rc);

    sqlite3_stmt *m_stmt = nullptr;
    QSqlRecord m_record;
    std::deque<QVariantList> m_rows; // rows [m_rowBase, m_rowBase + m_rows.size())
    int m_rowBase = 0;
    bool m_done = true;
    int m_changes = -1;
};

} // namespace cairn
