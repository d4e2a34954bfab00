# Generates the man page and the bash and zsh completions from the binary's own help
# texts (`cloudcast help`, `cloudcast COMMAND --help`), so they can never disagree with
# it. Run at build time: cmake -DBIN=<cloudcast> -DOUT=<dir> -DVERSION=<v> -P install_files.cmake
execute_process(COMMAND ${BIN} help OUTPUT_VARIABLE usage RESULT_VARIABLE code)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "${BIN} help exited ${code}")
endif()
# Commands: the "  name  summary" lines under "Commands:".
string(REGEX MATCH "Commands:\n(  [a-z][^\n]*\n)+" block "${usage}")
string(REGEX MATCHALL "\n  [a-z][a-z-]*" names "${block}")
set(commands "")
foreach(n ${names})
  string(STRIP "${n}" n)
  list(APPEND commands ${n})
endforeach()
# Global options: every --long option of the "Global options:" block.
string(REGEX MATCH "Global options:.*" global_block "${usage}")
string(REGEX MATCHALL "--[a-z][a-z-]+" options "${global_block}")
list(REMOVE_DUPLICATES options)

# roff: backslashes doubled, a leading dot or quote escaped.
function(roff text out)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REGEX REPLACE "\n([.'])" "\n\\\\&\\1" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

roff("${usage}" usage_roff)
set(man ".TH CLOUDCAST 1 \"\" \"cloudcast ${VERSION}\" \"User Commands\"\n.SH NAME\ncloudcast \\- scenario forecasts for the AI-cloud race\n.SH SYNOPSIS\n.B cloudcast\n[\\fICOMMAND\\fR] [\\fIOPTIONS\\fR]\n.SH DESCRIPTION\n.nf\n${usage_roff}.fi\n.SH COMMANDS\n")
foreach(c ${commands})
  execute_process(COMMAND ${BIN} ${c} --help OUTPUT_VARIABLE help RESULT_VARIABLE code)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "${BIN} ${c} --help exited ${code}")
  endif()
  roff("${help}" help_roff)
  string(APPEND man ".SS ${c}\n.nf\n${help_roff}.fi\n")
endforeach()
string(APPEND man ".SH EXIT STATUS\n0 ok, 1 a check or diff failed, 2 usage error, 3 bad input data, 4 I/O error.\n.SH SEE ALSO\nThe docs/ folder of the source: cli.md, model.md, data.md.\n")
file(WRITE ${OUT}/cloudcast.1 "${man}")

string(REPLACE ";" " " words "${commands}")
string(REPLACE ";" " " option_words "${options}")
file(WRITE ${OUT}/cloudcast.bash
"# bash completion for cloudcast (generated from its help texts)
_cloudcast() {
  local cur=\${COMP_WORDS[COMP_CWORD]}
  if [ \"\$COMP_CWORD\" -eq 1 ]; then
    COMPREPLY=( \$(compgen -W \"${words} help ${option_words}\" -- \"\$cur\") )
  elif [[ \"\$cur\" == -* ]]; then
    COMPREPLY=( \$(compgen -W \"${option_words}\" -- \"\$cur\") )
  else
    COMPREPLY=( \$(compgen -f -- \"\$cur\") )
  fi
}
complete -F _cloudcast cloudcast
")
file(WRITE ${OUT}/_cloudcast
"#compdef cloudcast
# zsh completion for cloudcast (generated from its help texts)
_cloudcast() {
  if (( CURRENT == 2 )); then
    compadd -- ${words} help ${option_words}
  elif [[ \$PREFIX == -* ]]; then
    compadd -- ${option_words}
  else
    _files
  fi
}
_cloudcast \"\$@\"
")
