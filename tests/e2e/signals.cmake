# End-to-end tests of `cloudcast signals` on the built-in data: sourced figures that do not
# depend on the engine (backlog as given, leaderboard standing, margins and utilisation
# from reported figures and the base scenario's cloud share), the missing-signal notes,
# and one bad signal file per error class (exit 3 with the file and place). CSV is the
# long table (docs/cli.md): one row per figure, the signal in `item`.

# AWS: operating income 14,200 / revenue 37,587 in 2026Q1 = 37.78 %; backlog USD 364 bn
# (29 Apr 2026 release; 244 bn a quarter earlier, +49.18 %); utilisation
# 4 x (37,587 - 29,267) / (0.65 x capex 2024Q4..2025Q3) = 33,280 / 78,085.
cloudcast_e2e(signals_amazon_margin ARGS signals --company amazon --format csv EXIT 0
  STDOUT "signals_amazon,amazon,,,,margin trajectory,value,37.7790")
cloudcast_e2e(signals_amazon_backlog ARGS signals --company amazon --format csv EXIT 0
  STDOUT "signals_amazon,amazon,,,,backlog,as_of,,,2026Q1 (2026-04-29)\nsignals_amazon,amazon,,,,backlog,value,364000,,\nsignals_amazon,amazon,,,,backlog,unit,,,USD m\n")
cloudcast_e2e(signals_amazon_utilisation ARGS signals --company amazon --format csv EXIT 0
  STDOUT "signals_amazon,amazon,,,,capex utilisation,value,0.42620")
cloudcast_e2e(signals_amazon_price ARGS signals --company amazon --format csv EXIT 0
  STDOUT "2025-06 EC2 P5 instances (NVIDIA H100) On-Demand -45 %")
# Microsoft's commercial RPO USD 627 bn (29 Apr 2026) against 625 bn a quarter earlier
# (+0.32 %) and 315 bn a year earlier (+99.05 %; the press quotes +99 %).
cloudcast_e2e(signals_microsoft_rpo ARGS signals --company microsoft --format csv EXIT 0
  STDOUT "backlog,value,627000,,\nsignals_microsoft,microsoft,,,,backlog,unit,,,USD m\nsignals_microsoft,microsoft,,,,backlog,change_on_quarter,0.32000000000000917,,\nsignals_microsoft,microsoft,,,,backlog,change_on_year,99.0476")
cloudcast_e2e(signals_google_benchmark ARGS signals --company google --format csv EXIT 0
  STDOUT "gemini-3-pro on LMArena Text, score 1501; previous 2025-08-21 (gemini-2.5-pro, rank 1)")
cloudcast_e2e(signals_alibaba_missing ARGS signals --company alibaba EXIT 0
  STDOUT "missing: backlog coverage — no backlog or remaining performance obligation in the data")
cloudcast_e2e(signals_json_meta ARGS signals --format json EXIT 0 STDOUT "\"command\": \"signals\"")
cloudcast_e2e(signals_unknown_company ARGS signals --company amazn EXIT 2 STDERR "did you mean 'amazon'?")

cloudcast_e2e(signals_bad_currency ARGS data validate ${BAD}/data-signal-backlog-currency.json EXIT 3
  STDERR "data-signal-backlog-currency.json:/signals/0/unit: backlog in \"USD m\" is not the company's currency (CNY); expected \"RMB m\"")
cloudcast_e2e(signals_bad_benchmark_date ARGS data validate ${BAD}/data-signal-benchmark-no-date.json EXIT 3
  STDERR "data-signal-benchmark-no-date.json:/signals/0: benchmark rank without a date; expected \"date\"")
cloudcast_e2e(signals_bad_kind ARGS data validate ${BAD}/data-signal-unknown-kind.json EXIT 3
  STDERR "data-signal-unknown-kind.json:/signals/0/kind: unknown signal kind 'price_cut'")
cloudcast_e2e(signals_bad_source ARGS data validate ${BAD}/data-signal-no-source.json EXIT 3
  STDERR "data-signal-no-source.json:/signals/0: missing field \"source\"")
