#pragma once
// What batch and merge share: the output folder and its two bookkeeping files.

#include <filesystem>

#include "cloudcast/batch/index.hpp"

namespace cloudcast::cli {

// Creates the folder (and parents); IoError when it cannot, or when it is a file.
void create_output_folder(const std::filesystem::path& out);

// Writes out/index.json and out/summary.md, each whole or not at all.
void write_batch_folder(const batch::BatchIndex& index, const std::filesystem::path& out);

}  // namespace cloudcast::cli
