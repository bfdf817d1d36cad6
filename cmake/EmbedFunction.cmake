# elig_embed_file(SYMBOL INPUT OUT_VAR [NAMESPACE ns])
# Bundles INPUT into the build as `std::string_view ns::SYMBOL()` (ns
# defaults to elig) in a generated .cpp whose path lands in OUT_VAR; it is
# regenerated when INPUT changes. The work is done by EmbedFile.cmake.
set(_elig_embed_script "${CMAKE_CURRENT_LIST_DIR}/EmbedFile.cmake")
function(elig_embed_file symbol input out_var)
  cmake_parse_arguments(PARSE_ARGV 3 _embed "" "NAMESPACE" "")
  if(NOT _embed_NAMESPACE)
    set(_embed_NAMESPACE elig)
  endif()
  set(_cpp "${CMAKE_CURRENT_BINARY_DIR}/${symbol}.cpp")
  add_custom_command(
    OUTPUT "${_cpp}"
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${_cpp} -DSYMBOL=${symbol} -DNAMESPACE=${_embed_NAMESPACE} -P "${_elig_embed_script}"
    DEPENDS "${input}" "${_elig_embed_script}"
    COMMENT "Bundling ${input}")
  set(${out_var} "${_cpp}" PARENT_SCOPE)
endfunction()
