# End-to-end tests of `cloudcast backtest` (included from tests/e2e/CMakeLists.txt).
set(FIX ${CMAKE_CURRENT_SOURCE_DIR}/fixtures)
cloudcast_e2e(backtest_holdout ARGS backtest --series ${FIX}/good/series-two.csv --models naive,theta,comb --format csv
  EXIT 0 STDOUT "theta,")
cloudcast_e2e(backtest_rolling_json ARGS backtest --series ${FIX}/good/series-two.csv --rolling --models snaive --format json
  EXIT 0 STDOUT "\"schema_version\": 1")
# The file itself: series A's naive forecast is its last training value, 154.903, and
# its 80 % lower bound 154.903 - 1.2815515655446004 x 9.813907470630914, the root mean
# square of A's 19 one-step differences in training (computed outside cloudcast).
cloudcast_e2e(backtest_forecasts_out ARGS backtest --series ${FIX}/good/series-two.csv --models naive --threads 2
  --forecasts-out backtest-forecasts.csv EXIT 0 STDOUT "naive2" FILE backtest-forecasts.csv
  FILE_CONTAINS "series_id,method,h,forecast,lower80,upper80,lower95,upper95,origin\nA,naive,1,154.903,142.32597151690308,")
cloudcast_e2e(backtest_unknown_model ARGS backtest --series ${FIX}/good/series-two.csv --models thetta
  EXIT 2 STDERR "did you mean 'theta'?")
cloudcast_e2e(backtest_bad_horizon ARGS backtest --series ${FIX}/good/series-two.csv --horizon 10000000
  EXIT 2 STDERR "--horizon: expected an integer in [1, 40]")
cloudcast_e2e(backtest_missing_file ARGS backtest --series ${FIX}/bad/no-such-file.csv EXIT 4 STDERR "no-such-file.csv")
cloudcast_e2e(backtest_bad_empty ARGS backtest --series ${FIX}/bad/series-empty.csv
  EXIT 3 STDERR "series-empty.csv:1:1: empty file")
cloudcast_e2e(backtest_bad_nonnumeric ARGS backtest --series ${FIX}/bad/series-nonnumeric.csv
  EXIT 3 STDERR "series-nonnumeric.csv:3:5: value 'abc' is not a number")
cloudcast_e2e(backtest_bad_nan ARGS backtest --series ${FIX}/bad/series-nan.csv
  EXIT 3 STDERR "series-nan.csv:3:5: value 'NaN' is missing or infinite")
cloudcast_e2e(backtest_bad_duplicate ARGS backtest --series ${FIX}/bad/series-duplicate.csv
  EXIT 3 STDERR "series-duplicate.csv:4:3: duplicate index 2 for series a")
cloudcast_e2e(backtest_bad_short ARGS backtest --series ${FIX}/bad/series-short.csv --models theta
  EXIT 3 STDERR "series-short.csv:2:1: series a: 3 training values; model theta needs at least 7")
cloudcast_e2e(backtest_companies ARGS backtest --models naive,drift,theta --format csv
  EXIT 0 STDOUT "drift,")
cloudcast_e2e(forecast_model_comb ARGS forecast --company amazon --model comb EXIT 0
  STDOUT "amazon: core revenue baseline, model 'comb'")
cloudcast_e2e(forecast_model_unknown ARGS forecast --model thetta EXIT 2 STDERR "did you mean 'theta'?")
cloudcast_e2e(backtest_bad_negative_trend ARGS backtest --series ${FIX}/bad/series-negative-trend.csv --models naive,trend
  EXIT 3 STDERR "series-negative-trend.csv:2:1: series z, origin 8: trend: value -1 is not positive")
# The engine backtest through the built binary (cell counts and figures: tests/cli/cmd_backtest_test.cpp).
cloudcast_e2e(backtest_engine_csv ARGS backtest --engine --from 2024Q2 --format csv
  EXIT 0 STDOUT "summary,,,,,revenue MAPE (%)/1-4,cells,72,,")
cloudcast_e2e(backtest_engine_bad_from ARGS backtest --engine --from 2024q5
  EXIT 2 STDERR "--from: expected a quarter such as 2024Q2, got '2024q5'")
