# Installs typegrad into WORK/prefix, then builds and runs the consumer project twice: against the
# installed package (find_package) and with typegrad as a subdirectory (add_subdirectory).
file(REMOVE_RECURSE ${WORK})
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "failed: ${ARGN}\n${out}\n${err}")
  endif()
endfunction()
run(${CMAKE_COMMAND} -S ${ROOT} -B ${WORK}/typegrad -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX}
    -DTYPEGRAD_BUILD_TESTS=OFF -DTYPEGRAD_BUILD_EXAMPLES=OFF)
run(${CMAKE_COMMAND} --install ${WORK}/typegrad --prefix ${WORK}/prefix)
foreach(mode find_package add_subdirectory)
  run(${CMAKE_COMMAND} -S ${ROOT}/test/package/consumer -B ${WORK}/consumer-${mode} -G ${GENERATOR}
      -DCMAKE_CXX_COMPILER=${CXX} -DCONSUME=${mode} -DCMAKE_PREFIX_PATH=${WORK}/prefix -DTYPEGRAD_SOURCE=${ROOT})
  run(${CMAKE_COMMAND} --build ${WORK}/consumer-${mode})
  run(${WORK}/consumer-${mode}/consumer)
  message(STATUS "consumer built and ran with ${mode}")
endforeach()
