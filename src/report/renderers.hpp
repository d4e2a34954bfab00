#pragma once
// The renderers behind report::render, one file each; only render.cpp calls them.

#include <ostream>

#include "cloudcast/report/render.hpp"

namespace cloudcast::report::detail {

void render_csv(const Document& doc, std::ostream& out);   // csv_render.cpp: one long table
void render_html(const Document& doc, std::ostream& out);  // html_render.cpp
void render_svg(const Document& doc, std::ostream& out);   // html_render.cpp: the first chart
void render_xlsx(const Document& doc, std::ostream& out);  // xlsx_render.cpp

// The unit a value is really in: "fraction" for fractions shown as percent.
std::string value_unit(const Column& column);

}  // namespace cloudcast::report::detail
