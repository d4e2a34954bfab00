# Writes the damaged JSON inputs of issue 11 into DIR (run as the fixture setup of
# json_input.cmake): a 100,000-deep array in every kind of input, 1e999 literals, keys
# given twice. Generated here rather than committed: deep.json alone is 200 kB.
string(REPEAT "[" 100000 open)
string(REPEAT "]" 100000 close)
set(deep "${open}${close}")
file(REMOVE_RECURSE ${DIR})
file(MAKE_DIRECTORY ${DIR})
file(WRITE ${DIR}/deep.json "${deep}")
# A data folder whose fx.json is the deep value (its company file is a good one).
file(COPY ${GOOD}/data-min/companies DESTINATION ${DIR}/deep-data)
file(WRITE ${DIR}/deep-data/fx.json "${deep}")
file(WRITE ${DIR}/manifest-deep.json "{\"runs\": ${deep}}")
file(WRITE ${DIR}/tolerances-deep.json "{\"default\": ${deep}}")
file(WRITE ${DIR}/shard-deep/index.json "${deep}")
# A small cloudcast-like output to diff against.
file(WRITE ${DIR}/a.json "{\"schema_version\": 1, \"command\": \"x\", \"v\": 1}")

file(WRITE ${DIR}/scenario-big.json "{\"defaults\": {\"ai_share\": 1e999}}")
file(WRITE ${DIR}/manifest-big.json
  "{\"runs\": [{\"name\": \"a\", \"command\": \"forecast\", \"options\": {\"horizon\": 1e999}}]}")
file(WRITE ${DIR}/shard-big/index.json "{\"schema_version\": 1e999}")
file(WRITE ${DIR}/output-big.json "{\"v\": 1e999}")
file(WRITE ${DIR}/tolerances-big.json "{\"default\": {\"rtol\": 1e999}}")

file(WRITE ${DIR}/scenario-dup.json "{\"defaults\": {\"ai_share\": 0.2, \"ai_share\": 0.9}}")
file(WRITE ${DIR}/tolerances-dup.json "{\"default\": {\"rtol\": 0, \"rtol\": 1}}")
file(WRITE ${DIR}/manifest-dup.json
  "{\"runs\": [{\"name\": \"a\", \"command\": \"forecast\", \"options\": {\"horizon\": 4, \"horizon\": 40}}]}")
file(WRITE ${DIR}/scenario-pair-twice.json "{\"correlation\": [
  {\"a\": \"alibaba.ai_share\", \"b\": \"alibaba.useful_life\", \"rho\": 0.5},
  {\"a\": \"alibaba.useful_life\", \"b\": \"alibaba.ai_share\", \"rho\": -0.5}]}")
file(WRITE ${DIR}/scenario-description.json "{\"description\": 5}")
file(WRITE ${DIR}/company-notes.json "{\"schema_version\": 1, \"id\": \"x\", \"name\": \"X\", \"segment\": \"S\",
  \"currency\": \"USD\", \"fiscal_year_end_month\": 12, \"notes\": [1], \"observations\": []}")
