#pragma once
// The information set at a past quarter, for backtests that replay history: what the
// data would have held at the end of quarter `origin` (docs/model.md, "Engine backtest").

#include "cloudcast/dataset/dataset.hpp"

namespace cloudcast::dataset {

// A copy of `data` without what was not known at the end of `origin`: every observation
// and FX rate whose period is after `origin`, and every guidance item given after
// `origin` was reported (as_of > origin), and every signal (backlog, run rate ...) of a
// quarter after `origin`. Kept as they are:
//   - disclosures: their `period` is free text ("FY2025 (2024Q3-2025Q2)", "announced
//     2025Q1"), not a date, and the engine reads none of them;
//   - observations for a quarter up to `origin` that were published later (a restatement
//     on a new segment basis): the data records no publication date per figure.
// Companies, notes, origin and digest are copied unchanged.
Dataset as_of(const Dataset& data, Quarter origin);

}  // namespace cloudcast::dataset
