#include "cloudcast/model/correlation.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Dense>
#include <Eigen/Eigenvalues>
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>

#include "cloudcast/error.hpp"
#include "cloudcast/util/json_read.hpp"

namespace cloudcast::model {

namespace {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

constexpr double kSymmetryTolerance = 1e-12;
constexpr double kEigenTolerance = 1e-10;

Eigen::MatrixXd to_eigen(const CorrelationMatrix& m) {
  const auto n = static_cast<Eigen::Index>(m.size());
  return Eigen::Map<const RowMatrix>(m.values.data(), n, n);
}

std::vector<double> to_vector(const Eigen::MatrixXd& m) {
  std::vector<double> values(static_cast<std::size_t>(m.size()));
  Eigen::Map<RowMatrix>(values.data(), m.rows(), m.cols()) = m;
  return values;
}

// Projection onto the positive semi-definite cone: clip negative eigenvalues.
Eigen::MatrixXd project_psd(const Eigen::MatrixXd& r) {
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(r);
  const Eigen::VectorXd clipped = solver.eigenvalues().cwiseMax(0.0);
  return solver.eigenvectors() * clipped.asDiagonal() * solver.eigenvectors().transpose();
}

}  // namespace

CorrelationMatrix CorrelationMatrix::identity(std::vector<std::string> names) {
  CorrelationMatrix m{std::move(names), {}};
  m.values.assign(m.size() * m.size(), 0.0);
  for (std::size_t i = 0; i < m.size(); ++i) m(i, i) = 1.0;
  return m;
}

double smallest_eigenvalue(const CorrelationMatrix& matrix) {
  if (matrix.size() == 0) return 1.0;
  Eigen::MatrixXd m = to_eigen(matrix);
  m = (0.5 * (m + m.transpose())).eval();  // eval: the transpose aliases m
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(m, Eigen::EigenvaluesOnly);
  return solver.eigenvalues().minCoeff();
}

std::string correlation_problem(const CorrelationMatrix& matrix) {
  const std::size_t n = matrix.size();
  if (matrix.values.size() != n * n) return fmt::format("expected a {0} x {0} matrix", n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const double v = matrix(i, j);
      if (!std::isfinite(v) || v < -1 || v > 1)
        return fmt::format("entry [{}][{}] = {} ({} x {}) is outside [-1, 1]; expected a correlation", i, j, v,
                           matrix.names[i], matrix.names[j]);
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (matrix(i, i) != 1.0)
      return fmt::format("diagonal entry [{0}][{0}] ({1}) = {2}; expected 1", i, matrix.names[i], matrix(i, i));
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      if (std::fabs(matrix(i, j) - matrix(j, i)) > kSymmetryTolerance)
        return fmt::format("entry [{}][{}] = {} differs from [{}][{}] = {}; expected a symmetric matrix", i, j,
                           matrix(i, j), j, i, matrix(j, i));
    }
  }
  const double lambda = smallest_eigenvalue(matrix);
  if (lambda < -kEigenTolerance)
    return fmt::format(
        "the matrix is not positive semi-definite (smallest eigenvalue {:.6g}); expected a consistent set of "
        "correlations, or run with --repair-correlation to use the nearest valid matrix",
        lambda);
  return "";
}

Repair nearest_correlation(const CorrelationMatrix& matrix, double tolerance, int max_iterations) {
  Repair result{matrix, 0.0, 0};
  if (matrix.size() == 0 || correlation_problem(matrix).empty()) return result;
  const Eigen::MatrixXd a = to_eigen(matrix);
  // Higham (2002), "Computing the nearest correlation matrix — a problem from finance",
  // IMA J. Numer. Anal. 22, Algorithm 3.3: alternate the projections onto the PSD cone
  // (S) and the unit-diagonal matrices (U); Dykstra's correction dS keeps the sequence
  // converging to the nearest point of S ∩ U rather than merely some point in it. Entries
  // outside [-1, 1] need no projection of their own: a PSD unit-diagonal matrix has
  // none. The input is symmetrised first (its symmetric part is the nearest symmetric
  // matrix).
  Eigen::MatrixXd y = 0.5 * (a + a.transpose());
  Eigen::MatrixXd ds = Eigen::MatrixXd::Zero(a.rows(), a.cols());
  Eigen::MatrixXd x = y;
  int iteration = 0;
  for (; iteration < max_iterations; ++iteration) {
    const Eigen::MatrixXd r = y - ds;
    x = project_psd(r);
    ds = x - r;
    Eigen::MatrixXd y_next = x;
    y_next.diagonal().setOnes();
    const double change = (y_next - y).norm() / std::max(1.0, y_next.norm());
    y = std::move(y_next);
    if (change < tolerance) break;
  }
  // y has an exact unit diagonal; its smallest eigenvalue may sit a rounding error
  // below zero. Project once more and rescale to unit diagonal, which keeps it PSD.
  Eigen::MatrixXd psd = project_psd(y);
  const Eigen::VectorXd scale = psd.diagonal().cwiseMax(1e-300).cwiseSqrt().cwiseInverse();
  psd = (scale.asDiagonal() * psd * scale.asDiagonal()).eval();
  psd = (0.5 * (psd + psd.transpose())).eval();
  psd.diagonal().setOnes();
  result.matrix.values = to_vector(psd);
  result.frobenius_distance = (psd - a).norm();
  result.iterations = iteration + 1;
  return result;
}

std::vector<double> correlation_factor(const CorrelationMatrix& matrix) {
  const auto n = static_cast<Eigen::Index>(matrix.size());
  if (n == 0) return {};
  const Eigen::MatrixXd a = to_eigen(matrix);
  Eigen::LLT<Eigen::MatrixXd> llt(a);
  if (llt.info() == Eigen::Success) {
    const Eigen::MatrixXd l = llt.matrixL();
    return to_vector(l);
  }
  // Semi-definite (e.g. two drivers correlated at exactly 1): A = P^T L D L^T P, so
  // F = P^T L sqrt(D) satisfies F F^T = A. D's rounding negatives are clipped.
  Eigen::LDLT<Eigen::MatrixXd> ldlt(a);
  const Eigen::VectorXd d = ldlt.vectorD().cwiseMax(0.0).cwiseSqrt();
  Eigen::MatrixXd l = ldlt.matrixL();
  Eigen::MatrixXd f = ldlt.transpositionsP().transpose() * (l * d.asDiagonal());
  return to_vector(f);
}

CorrelationMatrix parse_correlation(const nlohmann::json& value, std::string_view place) {
  CorrelationMatrix m;
  auto number_at = [&](const nlohmann::json& v, const std::string& where) {
    if (!v.is_number() || !std::isfinite(v.get<double>()))
      throw DataError(fmt::format("{}{}: expected a number in [-1, 1]", place, where));
    return v.get<double>();
  };
  if (value.is_array()) {
    // Pairs form: every driver named in a pair gets a row; unnamed pairs are 0.
    for (std::size_t k = 0; k < value.size(); ++k) {
      const auto& pair = value[k];
      for (const char* key : {"a", "b"}) {
        if (!pair.is_object() || !pair.contains(key) || !pair[key].is_string())
          throw DataError(fmt::format("{}/{}/{}: expected a driver name such as \"alibaba.useful_life\"", place, k, key));
        const std::string name = pair[key].get<std::string>();
        if (std::find(m.names.begin(), m.names.end(), name) == m.names.end()) m.names.push_back(name);
      }
    }
    m = CorrelationMatrix::identity(m.names);
    // A pair given twice (in either order) would let the later rho win silently.
    std::map<std::pair<std::size_t, std::size_t>, std::size_t> first_at;
    for (std::size_t k = 0; k < value.size(); ++k) {
      const auto& pair = value[k];
      if (!pair.contains("rho")) throw DataError(fmt::format("{}/{}/rho: missing; expected a correlation", place, k));
      const double rho = number_at(pair["rho"], fmt::format("/{}/rho", k));
      const auto i = static_cast<std::size_t>(std::find(m.names.begin(), m.names.end(), pair["a"].get<std::string>()) - m.names.begin());
      const auto j = static_cast<std::size_t>(std::find(m.names.begin(), m.names.end(), pair["b"].get<std::string>()) - m.names.begin());
      if (i == j) throw DataError(fmt::format("{}/{}: a driver paired with itself; expected two different drivers", place, k));
      if (const auto [first, inserted] = first_at.emplace(std::minmax(i, j), k); !inserted)
        throw DataError(
            fmt::format("{}/{}: the pair {} and {} is given twice (first at {}/{}); expected each pair once", place, k,
                        util::text_excerpt(m.names[i]), util::text_excerpt(m.names[j]), place, first->second));
      m(i, j) = rho;
      m(j, i) = rho;
    }
    return m;
  }
  if (!value.is_object() || !value.contains("drivers") || !value.contains("matrix"))
    throw DataError(fmt::format("{}: expected {{\"drivers\": [...], \"matrix\": [[...]]}} or a list of {{\"a\", \"b\", \"rho\"}} pairs",
                                place));
  const auto& drivers = value["drivers"];
  if (!drivers.is_array() || drivers.empty())
    throw DataError(fmt::format("{}/drivers: expected a non-empty list of driver names", place));
  for (std::size_t i = 0; i < drivers.size(); ++i) {
    if (!drivers[i].is_string()) throw DataError(fmt::format("{}/drivers/{}: expected a driver name", place, i));
    const std::string name = drivers[i].get<std::string>();
    if (std::find(m.names.begin(), m.names.end(), name) != m.names.end())
      throw DataError(fmt::format("{}/drivers/{}: '{}' is listed twice; expected each driver once", place, i, name));
    m.names.push_back(name);
  }
  const std::size_t n = m.names.size();
  const auto& rows = value["matrix"];
  if (!rows.is_array() || rows.size() != n)
    throw DataError(fmt::format("{}/matrix: expected {} rows, one per driver", place, n));
  m.values.assign(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    if (!rows[i].is_array() || rows[i].size() != n)
      throw DataError(fmt::format("{}/matrix/{}: expected a row of {} numbers", place, i, n));
    for (std::size_t j = 0; j < n; ++j) m(i, j) = number_at(rows[i][j], fmt::format("/matrix/{}/{}", i, j));
  }
  return m;
}

}  // namespace cloudcast::model
