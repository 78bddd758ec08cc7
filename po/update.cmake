# cmake -DPOT=… -DPO_DIR=… -DMSGMERGE=… -DLANGUAGES=… -P update.cmake
# The tree's po/gov.pot is the build's template without its creation date, so
# it changes only when the messages do.
file(READ ${POT} pot)
string(REGEX REPLACE "\"POT-Creation-Date: [^\"]*\"\n" "" pot "${pot}")
file(WRITE ${PO_DIR}/gov.pot "${pot}")
foreach(lang IN LISTS LANGUAGES)
  execute_process(
    COMMAND ${MSGMERGE} --quiet --update --backup=none --no-wrap --add-location=file
            --sort-by-file ${PO_DIR}/${lang}.po ${PO_DIR}/gov.pot
    COMMAND_ERROR_IS_FATAL ANY)
endforeach()
