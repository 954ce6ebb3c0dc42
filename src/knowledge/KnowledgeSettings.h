#pragma once

#include "knowledge/KnowledgeText.h"

#include <QJsonObject>
#include <QString>

namespace cairn::knowledge {

enum class RetrievalMode { Keyword, Vector, Hybrid };
enum class Fusion { ReciprocalRank, Weighted };

QString modeName(RetrievalMode mode); // keyword | vector | hybrid (as stored and typed in the CLI)
bool parseMode(const QString &name, RetrievalMode *mode);

// A knowledge base's settings, stored as JSON in knowledge_bases.settings. Unknown or out-of-range
// values read back as the defaults (a hand-edited database cannot break ingestion or retrieval).
struct KnowledgeSettings {
    bool automaticChunking = true; // true: ChunkSettings' defaults; false: `chunking` as set
    ChunkSettings chunking;
    RetrievalMode mode = RetrievalMode::Hybrid; // hybrid falls back to keyword without embeddings
    int topK = 5;
    double scoreThreshold = 0; // results scoring below are dropped (0: keep all)
    Fusion fusion = Fusion::ReciprocalRank;
    double vectorWeight = 0.7; // weighted fusion: vector share of the score (keyword gets the rest)

    // The chunking actually applied.
    ChunkSettings effectiveChunking() const;

    QJsonObject toJson() const;
    static KnowledgeSettings fromJson(const QJsonObject &o);
};

} // namespace cairn::knowledge
