#include "knowledge/KnowledgeSettings.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace cairn::knowledge {

QString modeName(RetrievalMode mode)
{
    switch (mode) {
    case RetrievalMode::Keyword:
        return QStringLiteral("keyword");
    case RetrievalMode::Vector:
        return QStringLiteral("vector");
    case RetrievalMode::Hybrid:
        break;
    }
    return QStringLiteral("hybrid");
}

bool parseMode(const QString &name, RetrievalMode *mode)
{
    for (const RetrievalMode m : {RetrievalMode::Keyword, RetrievalMode::Vector, RetrievalMode::Hybrid}) {
        if (name.compare(modeName(m), Qt::CaseInsensitive) == 0) {
            *mode = m;
            return true;
        }
    }
    return false;
}

ChunkSettings KnowledgeSettings::effectiveChunking() const
{
    if (!automaticChunking)
        return chunking.normalised();
    ChunkSettings s;
    s.collapseWhitespace = chunking.collapseWhitespace;
    s.dropUrlsAndEmails = chunking.dropUrlsAndEmails;
    return s;
}

QJsonObject KnowledgeSettings::toJson() const
{
    const ChunkSettings c = chunking.normalised();
    QJsonObject chunk {
        {QStringLiteral("mode"), automaticChunking ? QStringLiteral("automatic") : QStringLiteral("custom")},
        {QStringLiteral("max_tokens"), c.maxTokens}, {QStringLiteral("overlap_tokens"), c.overlapTokens},
        {QStringLiteral("separators"), QJsonArray::fromStringList(c.separators)},
        {QStringLiteral("collapse_whitespace"), c.collapseWhitespace},
        {QStringLiteral("drop_urls_emails"), c.dropUrlsAndEmails}};
    QJsonObject retrieval {{QStringLiteral("mode"), modeName(mode)}, {QStringLiteral("top_k"), topK},
        {QStringLiteral("score_threshold"), scoreThreshold},
        {QStringLiteral("fusion"),
            fusion == Fusion::Weighted ? QStringLiteral("weighted") : QStringLiteral("rrf")},
        {QStringLiteral("vector_weight"), vectorWeight}};
    return QJsonObject {{QStringLiteral("chunking"), chunk}, {QStringLiteral("retrieval"), retrieval}};
}

KnowledgeSettings KnowledgeSettings::fromJson(const QJsonObject &o)
{
    KnowledgeSettings s;
    const QJsonObject chunk = o.value(QStringLiteral("chunking")).toObject();
    s.automaticChunking = chunk.value(QStringLiteral("mode")).toString() != QStringLiteral("custom");
    s.chunking.maxTokens = chunk.value(QStringLiteral("max_tokens")).toInt(s.chunking.maxTokens);
    s.chunking.overlapTokens = chunk.value(QStringLiteral("overlap_tokens")).toInt(s.chunking.overlapTokens);
    if (chunk.value(QStringLiteral("separators")).isArray()) {
        QStringList seps;
        for (const QJsonValue &v : chunk.value(QStringLiteral("separators")).toArray())
            if (v.isString() && !v.toString().isEmpty())
                seps.append(v.toString());
        if (!seps.isEmpty())
            s.chunking.separators = seps;
    }
    s.chunking.collapseWhitespace
        = chunk.value(QStringLiteral("collapse_whitespace")).toBool(s.chunking.collapseWhitespace);
    s.chunking.dropUrlsAndEmails
        = chunk.value(QStringLiteral("drop_urls_emails")).toBool(s.chunking.dropUrlsAndEmails);
    s.chunking = s.chunking.normalised();

    const QJsonObject r = o.value(QStringLiteral("retrieval")).toObject();
    RetrievalMode mode = s.mode;
    if (parseMode(r.value(QStringLiteral("mode")).toString(), &mode))
        s.mode = mode;
    s.topK = std::clamp(r.value(QStringLiteral("top_k")).toInt(s.topK), 1, 100);
    const double threshold = r.value(QStringLiteral("score_threshold")).toDouble(0);
    s.scoreThreshold = std::isfinite(threshold) ? std::clamp(threshold, 0.0, 1.0) : 0.0;
    s.fusion = r.value(QStringLiteral("fusion")).toString() == QStringLiteral("weighted")
        ? Fusion::Weighted
        : Fusion::ReciprocalRank;
    const double w = r.value(QStringLiteral("vector_weight")).toDouble(s.vectorWeight);
    s.vectorWeight = std::isfinite(w) ? std::clamp(w, 0.0, 1.0) : 0.7;
    return s;
}

} // namespace cairn::knowledge
