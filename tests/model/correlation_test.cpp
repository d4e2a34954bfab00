#include "cloudcast/model/correlation.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <random>

#include "cloudcast/error.hpp"

namespace model_correlation_test {

using namespace cloudcast;
using namespace cloudcast::model;

namespace {

CorrelationMatrix matrix3(std::vector<double> values) {
  return CorrelationMatrix{{"a.x", "b.y", "c.z"}, std::move(values)};
}

double frobenius(const CorrelationMatrix& a, const CorrelationMatrix& b) {
  double sum = 0;
  for (std::size_t i = 0; i < a.values.size(); ++i) sum += (a.values[i] - b.values[i]) * (a.values[i] - b.values[i]);
  return std::sqrt(sum);
}

}  // namespace

TEST_CASE("correlation: a valid matrix has no problem", "[correlation]") {
  CHECK(correlation_problem(matrix3({1, 0.5, 0.2, 0.5, 1, 0.3, 0.2, 0.3, 1})).empty());
  CHECK(correlation_problem(matrix3({1, 1, 1, 1, 1, 1, 1, 1, 1})).empty());  // semi-definite is fine
}

TEST_CASE("correlation: each kind of invalid matrix is named", "[correlation]") {
  CHECK_THAT(correlation_problem(matrix3({1, 0.5, 0.2, 0.4, 1, 0.3, 0.2, 0.3, 1})),
             Catch::Contains("entry [0][1] = 0.5 differs from [1][0] = 0.4; expected a symmetric matrix"));
  CHECK_THAT(correlation_problem(matrix3({1, 1.5, 0, 1.5, 1, 0, 0, 0, 1})),
             Catch::Contains("entry [0][1] = 1.5") && Catch::Contains("outside [-1, 1]"));
  CHECK_THAT(correlation_problem(matrix3({0.9, 0, 0, 0, 1, 0, 0, 0, 1})), Catch::Contains("diagonal entry [0][0]"));
  CHECK_THAT(correlation_problem(matrix3({1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1})),
             Catch::Contains("not positive semi-definite") && Catch::Contains("--repair-correlation"));
}

TEST_CASE("correlation: Higham repair of Higham's 3x3 example", "[correlation]") {
  // Higham (2002), section 4: the nearest correlation matrix to [[1 1 0] [1 1 1] [0 1 1]]
  // has off-diagonals 0.7607 and 0.1573 (printed to 4 decimals there).
  const auto a = matrix3({1, 1, 0, 1, 1, 1, 0, 1, 1});
  REQUIRE(!correlation_problem(a).empty());
  const Repair r = nearest_correlation(a);
  CHECK(r.matrix(0, 1) == Approx(0.7607).margin(5e-5));  // paper's 4 decimals
  CHECK(r.matrix(1, 2) == Approx(0.7607).margin(5e-5));
  CHECK(r.matrix(0, 2) == Approx(0.1573).margin(5e-5));
  CHECK(correlation_problem(r.matrix).empty());
  CHECK(smallest_eigenvalue(r.matrix) > -1e-12);
  for (std::size_t i = 0; i < 3; ++i) CHECK(r.matrix(i, i) == 1.0);
  CHECK(r.frobenius_distance == Approx(frobenius(r.matrix, a)).epsilon(1e-12));
  // Closest: no valid correlation matrix is nearer. Segments from the result towards
  // random valid matrices stay valid (the set is convex), and never get nearer.
  std::mt19937 rng(7);
  std::normal_distribution<double> normal;
  for (int trial = 0; trial < 20; ++trial) {
    double g[3][3];
    for (auto& row : g)
      for (double& v : row) v = normal(rng);
    CorrelationMatrix c = a;
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) {
        double s = 0;
        for (int k = 0; k < 3; ++k) s += g[i][k] * g[j][k];
        c(static_cast<std::size_t>(i), static_cast<std::size_t>(j)) = s;
      }
    for (std::size_t i = 0; i < 3; ++i)
      for (std::size_t j = 0; j < 3; ++j)
        if (i != j) c(i, j) /= std::sqrt(c(i, i) * c(j, j));
    for (std::size_t i = 0; i < 3; ++i) c(i, i) = 1;
    for (double t : {1e-3, 0.1, 1.0}) {
      CorrelationMatrix mix = a;
      for (std::size_t i = 0; i < 9; ++i) mix.values[i] = (1 - t) * r.matrix.values[i] + t * c.values[i];
      CHECK(frobenius(mix, a) >= r.frobenius_distance - 1e-9);  // optimality, up to the solver tolerance
    }
  }
  // A valid matrix is left alone.
  const auto valid = matrix3({1, 0.5, 0.2, 0.5, 1, 0.3, 0.2, 0.3, 1});
  CHECK(nearest_correlation(valid).frobenius_distance == 0);
}

TEST_CASE("correlation: factor reproduces the matrix, also when semi-definite", "[correlation]") {
  for (const auto& m :
       {matrix3({1, 0.5, 0.2, 0.5, 1, 0.3, 0.2, 0.3, 1}), matrix3({1, 1, 0.5, 1, 1, 0.5, 0.5, 0.5, 1})}) {
    const auto f = correlation_factor(m);
    for (std::size_t i = 0; i < 3; ++i)
      for (std::size_t j = 0; j < 3; ++j) {
        double s = 0;
        for (std::size_t k = 0; k < 3; ++k) s += f[i * 3 + k] * f[j * 3 + k];
        CHECK(s == Approx(m(i, j)).margin(1e-12));
      }
  }
}

TEST_CASE("correlation: parse_correlation reads both forms and names bad places", "[correlation]") {
  using nlohmann::json;
  const auto m = parse_correlation(
      json::parse(
          R"({"drivers": ["alibaba.ai_price_change", "amazon.ai_price_change"], "matrix": [[1, 0.7], [0.7, 1]]})"),
      "s.json:/correlation");
  CHECK(m.size() == 2);
  CHECK(m(1, 0) == 0.7);
  const auto pairs =
      parse_correlation(json::parse(R"([{"a": "x.a", "b": "y.b", "rho": -0.3}, {"a": "x.a", "b": "z.c", "rho": 0.2}])"),
                        "s.json:/correlation");
  CHECK(pairs.size() == 3);
  CHECK(pairs(0, 1) == -0.3);
  CHECK(pairs(2, 0) == 0.2);
  CHECK(pairs(1, 2) == 0);
  auto error_of = [](const char* text) {
    try {
      parse_correlation(json::parse(text), "s.json:/correlation");
    } catch (const DataError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(error_of(R"({"drivers": ["a.x", "b.y"], "matrix": [[1, 0.7], [0.7]]})"),
             Catch::Contains("s.json:/correlation/matrix/1: expected a row of 2 numbers"));
  CHECK_THAT(error_of(R"({"drivers": ["a.x", "b.y"], "matrix": [[1, "x"], [0.7, 1]]})"),
             Catch::Contains("s.json:/correlation/matrix/0/1: expected a number"));
  CHECK_THAT(error_of(R"({"drivers": ["a.x", "a.x"], "matrix": [[1, 0], [0, 1]]})"), Catch::Contains("listed twice"));
  // A pair given twice, in either order, would let the later rho win (issue 11, G).
  CHECK(error_of(R"([{"a": "x.a", "b": "y.b", "rho": 0.5}, {"a": "z.c", "b": "x.a", "rho": 0.1},
                     {"a": "y.b", "b": "x.a", "rho": -0.5}])") ==
        "s.json:/correlation/2: the pair y.b and x.a is given twice (first at s.json:/correlation/0); expected each "
        "pair once");
  CHECK(error_of(R"([{"a": "x.a", "b": "y.b", "rho": 0.5}, {"a": "x.a", "b": "y.b", "rho": 0.5}])") ==
        "s.json:/correlation/1: the pair x.a and y.b is given twice (first at s.json:/correlation/0); expected each "
        "pair once");
}

}  // namespace model_correlation_test
