# elig_embed_file(SYMBOL INPUT OUT_VAR [JSON [DROP_MEMBERS name...]] [NAMESPACE ns])
# Bundles INPUT into the build as `std::string_view ns::SYMBOL()` (ns
# defaults to elig) in a generated .cpp whose path lands in OUT_VAR; it is
# regenerated when INPUT changes. The work is done by EmbedFile.cmake.
# JSON bundles the file without the whitespace between its tokens
# (minify_json.py: every token as written), which the program would only
# skip: fewer bytes shipped and scanned at start. DROP_MEMBERS leaves out
# top-level members that no C++ code reads.
set(_elig_embed_script "${CMAKE_CURRENT_LIST_DIR}/EmbedFile.cmake")
set(_elig_minify_json "${CMAKE_CURRENT_LIST_DIR}/minify_json.py")
function(elig_embed_file symbol input out_var)
  cmake_parse_arguments(PARSE_ARGV 3 _embed "JSON" "NAMESPACE" "DROP_MEMBERS")
  if(NOT _embed_NAMESPACE)
    set(_embed_NAMESPACE elig)
  endif()
  set(_cpp "${CMAKE_CURRENT_BINARY_DIR}/${symbol}.cpp")
  set(_bytes "${input}")
  set(_minify)
  if(_embed_JSON)
    set(_bytes "${CMAKE_CURRENT_BINARY_DIR}/${symbol}.min.json")
    set(_drop)
    foreach(_member IN LISTS _embed_DROP_MEMBERS)
      list(APPEND _drop --drop ${_member})
    endforeach()
    set(_minify COMMAND ${ELIG_SYSTEM_PYTHON} "${_elig_minify_json}" ${_drop} "${input}" "${_bytes}")
  endif()
  add_custom_command(
    OUTPUT "${_cpp}"
    ${_minify}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${_bytes} -DSOURCE=${input} -DOUTPUT=${_cpp} -DSYMBOL=${symbol} -DNAMESPACE=${_embed_NAMESPACE} -P "${_elig_embed_script}"
    DEPENDS "${input}" "${_elig_embed_script}" "${_elig_minify_json}"
    COMMENT "Bundling ${input}")
  set(${out_var} "${_cpp}" PARENT_SCOPE)
endfunction()
