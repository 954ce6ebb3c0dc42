#pragma once

#include "llm/LlmTypes.h"

#include <QList>
#include <QObject>

namespace cairn::llm {

class LlmClient;

// Looks for model servers on this machine (first run): Ollama on 11434, LM Studio on 1234 and a
// llama.cpp server on 8080, each with a short timeout and no retries. The candidates can be
// replaced with CAIRN_LOCAL_PROBE="Label|kind|url;..." (used by tests).
class LocalProbe : public QObject
{
    Q_OBJECT
public:
    struct Candidate {
        QString label;
        ProviderKind kind = ProviderKind::Ollama;
        QUrl baseUrl;
    };
    struct Found {
        Candidate candidate;
        QList<ModelInfo> models;
    };

    explicit LocalProbe(LlmClient *client, QObject *parent = nullptr);
    static QList<Candidate> defaultCandidates();

    void start(const QList<Candidate> &candidates, int timeoutMs = 1500);
    bool isFinished() const { return m_pending == 0 && m_started; }
    // In the order of the candidates.
    QList<Found> found() const;

Q_SIGNALS:
    void finished();

private:
    LlmClient *m_client;
    QList<Candidate> m_candidates;
    QList<std::optional<QList<ModelInfo>>> m_results;
    int m_pending = 0;
    bool m_started = false;
};

} // namespace cairn::llm
