#pragma once
// Correlation between uncertain drivers (across companies too): validation, Higham's
// nearest-correlation repair and the factor the Gaussian copula samples with. Matrices
// are dense, row-major std::vector<double>; Eigen stays inside src/model/.

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace cloudcast::model {

struct CorrelationMatrix {
  std::vector<std::string> names;  // driver names, "alibaba.ai_price_change"
  std::vector<double> values;      // names.size()^2, row-major

  std::size_t size() const { return names.size(); }
  double operator()(std::size_t i, std::size_t j) const { return values[i * names.size() + j]; }
  double& operator()(std::size_t i, std::size_t j) { return values[i * names.size() + j]; }
  static CorrelationMatrix identity(std::vector<std::string> names);
};

// What is wrong with a matrix, if anything: "" when it is a valid correlation matrix
// (symmetric to 1e-12, entries in [-1, 1], unit diagonal, positive semi-definite: smallest
// eigenvalue >= -1e-10). Otherwise a message naming the first problem, e.g.
// "entry [0][2] = 0.9 differs from [2][0] = 0.8; expected a symmetric matrix".
std::string correlation_problem(const CorrelationMatrix& matrix);
double smallest_eigenvalue(const CorrelationMatrix& matrix);

struct Repair {
  CorrelationMatrix matrix;
  double frobenius_distance = 0;  // ||repaired - original||_F
  int iterations = 0;
};

// Nearest correlation matrix in the Frobenius norm (Higham 2002, alternating
// projections with Dykstra's correction): PSD, unit diagonal, symmetric. A valid input
// comes back unchanged with distance 0.
Repair nearest_correlation(const CorrelationMatrix& matrix, double tolerance = 1e-12, int max_iterations = 10000);

// Lower-triangular L (row-major) with L L^T = matrix: Cholesky (LLT) when positive
// definite, else a pivoted LDLT with the square root of the non-negative D folded in, so
// semi-definite matrices (perfect correlation) work too. Expects a valid matrix.
std::vector<double> correlation_factor(const CorrelationMatrix& matrix);

// Parses the scenario's "correlation" section:
//   {"drivers": ["alibaba.ai_price_change", "amazon.ai_price_change"],
//    "matrix": [[1, 0.7], [0.7, 1]]}
// or a list of pairs: [{"a": "alibaba.ai_price_change", "b": "amazon.ai_price_change", "rho": 0.7}].
// Checks the shape and numbers (DataError "place/matrix/1/0: ..."), not validity;
// place is "file:/json/pointer".
CorrelationMatrix parse_correlation(const nlohmann::json& value, std::string_view place);

}  // namespace cloudcast::model
