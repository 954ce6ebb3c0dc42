#pragma once

#include <QByteArray>
#include <QList>
#include <QVector>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace cairn::knowledge {

struct VectorHit {
    qint64 id = 0;
    float similarity = 0; // cosine, -1 … 1
};

// Unit vectors of one model, searched by cosine similarity. Exact search scans one contiguous array
// (cache-friendly, fast enough far beyond 200k vectors of 768 dimensions); an approximate HNSW
// index (hnswlib) can be built for larger sets (KnowledgeService does beyond kExactLimit) and is then
// used by search().
// Vectors are added before the index is shared; after that, searches (from any number of threads)
// may run while buildApproximate() runs on another thread: they scan exactly until the approximate
// index is complete.
class VectorIndex
{
public:
    static constexpr qsizetype kExactLimit = 200000;

    explicit VectorIndex(int dims);
    ~VectorIndex();
    VectorIndex(const VectorIndex &) = delete;
    VectorIndex &operator=(const VectorIndex &) = delete;

    int dims() const { return m_dims; }
    qsizetype size() const { return qsizetype(m_ids.size()); }
    void reserve(qsizetype n);

    // Adds a vector (normalised here); false when its size is wrong or it is all zeros.
    bool add(qint64 id, const float *vector, int dims);
    // A vector as stored (float32 little-endian).
    bool addStored(qint64 id, const QByteArray &bytes);

    QList<VectorHit> searchExact(const QVector<float> &query, int k) const;

    // Builds the approximate index over every vector added so far (on `threads` threads).
    // Returns false when cancelled.
    bool buildApproximate(int threads = 2, const std::atomic<bool> *cancel = nullptr,
        const std::function<void(qsizetype done, qsizetype total)> &progress = {});
    bool hasApproximate() const;
    QList<VectorHit> searchApproximate(const QVector<float> &query, int k) const;

    // Approximate once an approximate index is built (its owner builds one beyond kExactLimit
    // vectors); exact until then.
    QList<VectorHit> search(const QVector<float> &query, int k) const;

    static QVector<float> normalised(const QVector<float> &v);

private:
    struct Hnsw;

    int m_dims;
    std::vector<float> m_data; // size() × dims, row-major
    std::vector<qint64> m_ids;
    std::shared_ptr<const Hnsw> approximate() const;

    mutable std::mutex m_hnswMutex;
    std::shared_ptr<const Hnsw> m_hnsw; // published whole, under m_hnswMutex
};

} // namespace cairn::knowledge
