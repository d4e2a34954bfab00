#pragma once
// Private Eigen aliases for the model layer (Ceres eigen.h style). Never included from
// include/: public headers stay Eigen-free (std::vector, plain structs).

#include <Eigen/Core>

namespace cloudcast::model {

using Vector = Eigen::VectorXd;
using Matrix = Eigen::MatrixXd;
using VectorMap = Eigen::Map<Eigen::VectorXd>;
using ConstVectorMap = Eigen::Map<const Eigen::VectorXd>;
using MatrixMap = Eigen::Map<Eigen::MatrixXd>;

}  // namespace cloudcast::model
