#include "cloudcast/forecast/series_csv.hpp"

#include <catch2/catch.hpp>

#include "cloudcast/error.hpp"

namespace forecast_series_csv_test {

using namespace cloudcast::forecast;

TEST_CASE("parse_series_csv: reads train/test rows in any order and column order", "[series_csv]") {
  const auto s =
      parse_series_csv("value,series_id,kind,index\n3,a,test,3\n1,a,train,1\n2,a,train,2\n5,b,train,1\n", "f.csv");
  REQUIRE(s.size() == 2);
  CHECK(s[0].id == "a");
  CHECK(s[0].values == std::vector<double>{1, 2, 3});
  CHECK(s[0].n_train == 2);
  CHECK(s[1].n_train == 1);
  CHECK(s[0].place == "f.csv:2:1");  // first row of the series in the file
  CHECK(s[1].place == "f.csv:5:1");
}

TEST_CASE("parse_series_csv: without kind every value is training data", "[series_csv]") {
  const auto s = parse_series_csv("series_id,index,value\r\nx,1,1.5\r\nx,2,2.5\r\n", "f.csv");
  CHECK(s[0].n_train == 2);
}

TEST_CASE("parse_series_csv: each malformed file gets file:line:col and what was expected", "[series_csv]") {
  using Catch::Contains;
  CHECK_THROWS_WITH(parse_series_csv("", "e.csv"), Contains("e.csv:1:1: empty file"));
  CHECK_THROWS_WITH(parse_series_csv("id,index,value\n", "h.csv"), Contains("h.csv:1:1: header"));
  CHECK_THROWS_WITH(parse_series_csv("series_id,index,value\n", "n.csv"), Contains("n.csv:2:1: no data rows"));
  CHECK_THROWS_WITH(parse_series_csv("series_id,index,value\na,1,x1\n", "v.csv"),
                    Contains("v.csv:2:5: value 'x1' is not a number"));
  CHECK_THROWS_WITH(parse_series_csv("series_id,index,value\na,1,NaN\n", "v.csv"),
                    Contains("v.csv:2:5: value 'NaN' is missing or infinite"));
  CHECK_THROWS_WITH(parse_series_csv("series_id,index,value\na,1,1\na,1,2\n", "d.csv"),
                    Contains("d.csv:3:3: duplicate index 1 for series a (first on line 2)"));
  CHECK_THROWS_WITH(parse_series_csv("series_id,index,value\na,1,1\na,3,2\n", "g.csv"),
                    Contains("g.csv:3:3: series a jumps to index 3; expected index 2"));
  CHECK_THROWS_WITH(parse_series_csv("series_id,index,value\na,1\n", "c.csv"),
                    Contains("c.csv:2:1: 2 fields; expected 3"));
  CHECK_THROWS_WITH(parse_series_csv("series_id,kind,index,value\na,future,1,1\n", "k.csv"),
                    Contains("k.csv:2:3: kind 'future'; expected train or test"));
  CHECK_THROWS_AS(parse_series_csv("series_id,index,value\na,0,1\n", "i.csv"), cloudcast::DataError);
}

TEST_CASE("parse_series_csv: a UTF-8 byte order mark before the header is accepted", "[series_csv]") {
  // Excel's "CSV UTF-8" writes one; the header was reported as '\ufeffseries_id,...'.
  const auto s = parse_series_csv("\xEF\xBB\xBFseries_id,index,value\na,1,5\na,2,6\n", "bom.csv");
  REQUIRE(s.size() == 1);
  CHECK(s[0].values == std::vector<double>{5, 6});
  CHECK(s[0].place == "bom.csv:2:1");
}

TEST_CASE("parse_series_csv: the first duplicate in file order is reported, among many series", "[series_csv]") {
  std::string text = "series_id,index,value\n";
  for (int i = 1; i <= 1000; ++i) text += "a," + std::to_string(i) + ",1\nb," + std::to_string(i) + ",2\n";
  const auto ok = parse_series_csv(text, "many.csv");
  REQUIRE(ok.size() == 2);
  CHECK(ok[1].values.size() == 1000);
  // Line 2002 repeats b's index 7 (line 15); line 2003 repeats a's index 1 (line 2).
  text += "b,7,3\na,1,4\n";
  CHECK_THROWS_WITH(parse_series_csv(text, "many.csv"),
                    "many.csv:2002:3: duplicate index 7 for series b (first on line 15); expected each index once");
}

}  // namespace forecast_series_csv_test
