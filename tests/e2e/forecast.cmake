# forecast and compare, run as the built binary: every shipped scenario, the main report,
# and one bad scenario file per error class (tests/e2e/fixtures/bad/scenario-*.json).
set(BAD ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/bad)
foreach(scenario base bull bear obsolescence price-war base-uncertain)
  cloudcast_e2e(forecast.${scenario} ARGS forecast --scenario ${scenario} EXIT 0 STDOUT "projected")
  cloudcast_e2e(forecast.${scenario}.json ARGS forecast --scenario ${scenario} --format json EXIT 0
                STDOUT "\"schema_version\": 1")
endforeach()
cloudcast_e2e(main_report ARGS "" EXIT 0 STDOUT "Summary")
cloudcast_e2e(compare.cny ARGS compare --currency CNY --format csv EXIT 0 STDOUT "RMB m")
cloudcast_e2e(forecast.help ARGS forecast --help EXIT 0 STDOUT "Example:")
cloudcast_e2e(compare.help ARGS compare --help EXIT 0 STDOUT "Example:")
cloudcast_e2e(forecast.horizon_huge ARGS forecast --horizon 10000000 EXIT 2
              STDERR "--horizon: expected an integer in [1, 40], got '10000000'")
cloudcast_e2e(forecast.unknown_scenario ARGS forecast --scenario bse EXIT 2 STDERR "did you mean 'base'?")
cloudcast_e2e(forecast.unknown_company ARGS forecast --company alibba EXIT 2 STDERR "did you mean 'alibaba'?")
cloudcast_e2e(forecast.unknown_model ARGS forecast --model arima-ish EXIT 2 STDERR "--model: unknown model")
cloudcast_e2e(compare.unknown_currency ARGS compare --currency EUR EXIT 2 STDERR "expected USD or CNY")
cloudcast_e2e(forecast.bad_useful_life ARGS forecast --scenario ${BAD}/scenario-useful-life-0.json EXIT 3
              STDERR "scenario-useful-life-0.json:/defaults/useful_life: useful_life = 0 is out of range; expected a number in [0.25, 30]")
cloudcast_e2e(forecast.bad_unknown_driver ARGS forecast --scenario ${BAD}/scenario-unknown-driver.json EXIT 3
              STDERR "scenario-unknown-driver.json:/companies/alibaba/usefull_life: unknown driver 'usefull_life'")
cloudcast_e2e(forecast.bad_broken_json ARGS forecast --scenario ${BAD}/scenario-broken.json EXIT 3
              STDERR "scenario-broken.json:3:")
cloudcast_e2e(forecast.bad_unknown_company ARGS forecast --scenario ${BAD}/scenario-unknown-company.json EXIT 3
              STDERR "did you mean 'alibaba'?")
cloudcast_e2e(forecast.bad_missing_base ARGS forecast --scenario ${BAD}/scenario-missing-base.json EXIT 3
              STDERR "scenario-missing-base.json:/base: cannot load base scenario 'no-such-base'")
cloudcast_e2e(forecast.bad_cyclic_base ARGS forecast --scenario ${BAD}/scenario-cycle-a.json EXIT 3 STDERR "cyclic")
cloudcast_e2e(forecast.bad_utilization ARGS forecast --scenario ${BAD}/scenario-utilization.json EXIT 3
              STDERR "max_utilization = 1.5 is out of range")
cloudcast_e2e(forecast.bad_empty ARGS forecast --scenario ${BAD}/scenario-empty.json EXIT 3 STDERR "scenario-empty.json:1:1: empty file; expected a JSON scenario object")
cloudcast_e2e(forecast.bad_directory ARGS forecast --scenario ${BAD} EXIT 4 STDERR "")
cloudcast_e2e(forecast.bad_missing_file ARGS forecast --scenario ${BAD}/nope.json EXIT 4 STDERR "nope.json")
# The value of the build-out: bad WACC, terminal growth and method stop with the place.
cloudcast_e2e(forecast.bad_wacc ARGS forecast --scenario ${BAD}/scenario-wacc-negative.json EXIT 3
              STDERR "scenario-wacc-negative.json:/defaults/wacc: wacc = -0.1 is out of range; expected a number in [0.001, 0.5] (annual rate)")
cloudcast_e2e(forecast.bad_terminal_growth ARGS forecast --scenario ${BAD}/scenario-terminal-growth.json EXIT 3
              STDERR "scenario-terminal-growth.json:/companies/amazon/terminal_growth: 0.1 is not below wacc 0.08")
cloudcast_e2e(forecast.bad_terminal_method ARGS forecast --scenario ${BAD}/scenario-terminal-method.json EXIT 3
              STDERR "scenario-terminal-method.json:/defaults/terminal_method: expected \"growth\" or \"multiple\", got \"perpetuity\"")
cloudcast_e2e(forecast.valuation ARGS forecast --company alibaba EXIT 0
              STDOUT "alibaba: value of the build-out at WACC 9.0%, Gordon growth 3.0% a year")

# --set and --scenario - (issue 10): the title names the overrides, a bad value fails
# like a scenario file's (exit 2 on the command line), stdin is named "stdin".
set(GOOD_FIXTURES ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/good)
cloudcast_e2e(forecast.set ARGS forecast -c alibaba -H 4 --set alibaba.useful_life=3 EXIT 0
              STDOUT "cloudcast forecast — scenario 'base' with alibaba.useful_life=3, 4 quarters")
cloudcast_e2e(compare.set_alias ARGS compare -H 4 --set aws.useful_life=4 --set useful_life=5 EXIT 0
              STDOUT "scenario 'base' with amazon.useful_life=4, useful_life=5 (4 quarters, USD m)")
# The fixture holds Microsoft at its AI capacity cap from h1 (ai_capex_share 0, initial
# utilization at the 0.9 maximum): its AI demand driver moves nothing, and the note says why.
cloudcast_e2e(forecast.set_inert ARGS forecast -c azure -H 4 --scenario ${GOOD_FIXTURES}/microsoft-at-cap.json
              --set azure.ai_volume_growth=2.0 EXIT 0
              STDOUT "--set microsoft.ai_volume_growth=2.0 does not move microsoft's AI revenue: AI demand is above the capacity cap")
cloudcast_e2e(forecast.set_out_of_range ARGS forecast --set alibaba.useful_life=0 EXIT 2
              STDERR "--set alibaba.useful_life: useful_life = 0 is out of range; expected a number in [0.25, 30] (years)")
cloudcast_e2e(forecast.set_unknown_driver ARGS forecast --set alibaba.usefull_life=3 EXIT 2
              STDERR "(did you mean 'useful_life'?)")
cloudcast_e2e(forecast.set_unknown_company ARGS forecast --set alibba.useful_life=3 EXIT 2
              STDERR "--set alibba.useful_life=3: unknown company 'alibba'")
cloudcast_e2e(simulate.set ARGS simulate --paths 100 -H 4 --set alibaba.useful_life=3 EXIT 0
              STDOUT "Monte Carlo: scenario 'base' with alibaba.useful_life=3, 100 paths")
cloudcast_e2e(forecast.stdin ARGS forecast -c alibaba -H 4 --scenario - EXIT 0
              INPUT ${GOOD_FIXTURES}/overlay-alibaba-3y.json
              STDOUT "cloudcast forecast — scenario 'base + overlay (stdin)', 4 quarters")
cloudcast_e2e(forecast.stdin_bad ARGS forecast --scenario - EXIT 3
              INPUT ${BAD}/scenario-stdin-useful-life-0.json
              STDERR "stdin:/companies/alibaba/useful_life: useful_life = 0 is out of range")
cloudcast_e2e(forecast.company_alias ARGS forecast -c gcp -H 4 EXIT 0 STDOUT "Google Cloud (google)")

# --period (issue 10): years rolled up by the metric registry; a bad value is exit 2.
cloudcast_e2e(forecast.period_bad ARGS forecast --period year EXIT 2
              STDERR "cloudcast: error: --period: unknown period 'year'; expected quarter, cy or fy")
cloudcast_e2e(compare.period_fy ARGS compare -H 8 --period fy EXIT 0
              STDOUT "alibaba ends in March (FY2026 = 2025Q2–2026Q1)")
cloudcast_e2e(forecast.period_cy ARGS forecast -c google -H 8 --period cy EXIT 0
              STDOUT "cloudcast forecast — scenario 'base', 8 quarters, by calendar year")
