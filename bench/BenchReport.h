#pragma once

// What every bench_* prints: "name: value unit" lines, and percentiles of timings.

#include <algorithm>
#include <cstdio>
#include <vector>

namespace cairn::bench {

inline void print(const char *name, double value, const char *unit)
{
    std::printf("%s: %.2f %s\n", name, value, unit);
    std::fflush(stdout);
}

// The p-th percentile (0 … 1) of the samples, nearest rank.
inline double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const auto at = static_cast<size_t>(
        std::min<double>(static_cast<double>(v.size() - 1), p * static_cast<double>(v.size() - 1) + 0.5));
    return v[at];
}

} // namespace cairn::bench
