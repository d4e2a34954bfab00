#pragma once
// Builds `cloudcast track`: per company, each projected quarter beside what was reported
// since (error, percentile, inside the band), and the ranking of the scenarios by the
// likelihood of the reported figures (model/track.hpp). Lays out, never computes.

#include <string>

#include "cloudcast/model/track.hpp"
#include "cloudcast/report/table.hpp"

namespace cloudcast::report {

inline constexpr int kTrackSchemaVersion = 1;

struct TrackReportInfo {
  std::string file;           // the tracked file as given
  std::string inputs_digest;  // of the current data and the tracked file
  double band = 90;           // the central band of `inside`, %
  bool gate = false;          // --fail-outside was given
};

Document track_document(const model::TrackResult& result, const TrackReportInfo& info);

}  // namespace cloudcast::report
