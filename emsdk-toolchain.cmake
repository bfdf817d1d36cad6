# Finds Emscripten's CMake toolchain, in this order: an emsdk install
# ($EMSDK), an Emscripten checkout ($EMSCRIPTEN), Debian's package
# (/usr/share/emscripten). Use through the `wasm` preset.
set(_elig_emscripten_candidates)
if(DEFINED ENV{EMSDK})
  list(APPEND _elig_emscripten_candidates "$ENV{EMSDK}/upstream/emscripten")
endif()
if(DEFINED ENV{EMSCRIPTEN})
  list(APPEND _elig_emscripten_candidates "$ENV{EMSCRIPTEN}")
endif()
list(APPEND _elig_emscripten_candidates "/usr/share/emscripten")

foreach(_root IN LISTS _elig_emscripten_candidates)
  if(EXISTS "${_root}/cmake/Modules/Platform/Emscripten.cmake")
    set(ELIG_EMSCRIPTEN_ROOT "${_root}")
    break()
  endif()
endforeach()
if(NOT ELIG_EMSCRIPTEN_ROOT)
  message(FATAL_ERROR "Emscripten not found: set EMSDK (emsdk install) or EMSCRIPTEN, "
                      "or install Debian's package with scripts/bootstrap.sh. Looked in: ${_elig_emscripten_candidates}")
endif()
include("${ELIG_EMSCRIPTEN_ROOT}/cmake/Modules/Platform/Emscripten.cmake")
