// A small criteria dictionary shaped like the bundled trial's (dates with
// "none", units, ULN multiples, Cockcroft–Gault, implied values) for the
// reason, verdict and report tests: their expected sentences follow from
// these labels and units and from i18n/en.json, not from the bundled file.
//
// Example:
//   const Trial t = load_valid(clinic_criteria(R"([{"id": "k", "kind": "inclusion", "title": "K",
//                                                  "source": "S.", "rule": {"field": "lvef", "at_least": 45}}])"));
//   run(t, R"({"lvef": 40})").reason(t, "k");   // "LVEF 40% is below the required 45%"
#pragma once
#include "support/test_support.h"

#include <string>

namespace elig_test {

// Field order matters: lists of fields (missing, "needs ...") follow it.
inline const char* const kClinicFields = R"([
  {"id": "id", "type": "text", "section": "s", "label": "Screening label"},
  {"id": "screening_date", "type": "date", "section": "s", "label": "Screening date"},
  {"id": "planned_ld_date", "type": "date", "section": "s", "label": "Planned lymphodepletion date"},
  {"id": "birth_date", "type": "date", "section": "s", "label": "Birth date"},
  {"id": "vaccine_date", "type": "date", "section": "s", "label": "Last live vaccine", "allow_none": true},
  {"id": "surgery_date", "type": "date", "section": "s", "label": "Last major surgery", "allow_none": true},
  {"id": "hsct_date", "type": "date", "section": "s", "label": "Last HSCT", "allow_none": true},
  {"id": "age_years", "type": "number", "section": "s", "label": "Age", "unit": "years", "units": {"years": 1}, "min": 0, "max": 120},
  {"id": "sex", "type": "enum", "section": "s", "label": "Sex", "values": [{"id": "female", "label": "Female"}, {"id": "male", "label": "Male"}]},
  {"id": "pregnant", "type": "bool", "section": "s", "label": "Pregnant or lactating"},
  {"id": "weight_kg", "type": "number", "section": "s", "label": "Weight", "unit": "kg", "units": {"kg": 1, "lb": 0.45359237}, "min": 2, "max": 400},
  {"id": "consent", "type": "bool", "section": "s", "label": "Informed consent signed"},
  {"id": "diagnosis", "type": "enum", "section": "s", "label": "Diagnosis",
   "values": [{"id": "t_all", "label": "T-ALL"}, {"id": "t_lbl", "label": "T-LBL"}, {"id": "aml", "label": "AML"}]},
  {"id": "prior_allo_hsct", "type": "bool", "section": "s", "label": "Prior allogeneic HSCT"},
  {"id": "cell_source", "type": "enum", "section": "s", "label": "Cells for manufacturing",
   "values": [{"id": "autologous", "label": "Autologous"}, {"id": "donor", "label": "Donor"}]},
  {"id": "ecog", "type": "integer", "section": "s", "label": "ECOG performance status", "min": 0, "max": 5},
  {"id": "lvef", "type": "number", "section": "s", "label": "LVEF", "unit": "%", "units": {"%": 1}, "min": 5, "max": 90},
  {"id": "hemoglobin", "type": "number", "section": "s", "label": "Hemoglobin", "unit": "g/L", "units": {"g/L": 1, "g/dL": 10}, "min": 10, "max": 250},
  {"id": "blasts", "type": "number", "section": "s", "label": "Marrow blasts", "unit": "%", "units": {"%": 1}, "min": 0, "max": 100},
  {"id": "alt", "type": "number", "section": "s", "label": "ALT", "unit": "U/L", "units": {"U/L": 1}, "min": 0, "max": 10000},
  {"id": "alt_uln", "type": "number", "section": "s", "label": "ALT upper limit of normal", "unit": "U/L", "units": {"U/L": 1},
   "min": 0, "min_exclusive": true, "max": 10000},
  {"id": "alt_x_uln", "type": "number", "section": "s", "label": "ALT as multiple of ULN", "unit": "× ULN", "units": {"× ULN": 1}, "min": 0, "max": 1000},
  {"id": "bilirubin", "type": "number", "section": "s", "label": "Total bilirubin", "unit": "µmol/L", "units": {"µmol/L": 1, "mg/dL": 17.1},
   "min": 0, "max": 1000},
  {"id": "bilirubin_uln", "type": "number", "section": "s", "label": "Total bilirubin upper limit of normal", "unit": "µmol/L",
   "units": {"µmol/L": 1, "mg/dL": 17.1}, "min": 0, "min_exclusive": true, "max": 1000},
  {"id": "bilirubin_x_uln", "type": "number", "section": "s", "label": "Total bilirubin as multiple of ULN", "unit": "× ULN", "units": {"× ULN": 1},
   "min": 0, "max": 1000},
  {"id": "creatinine", "type": "number", "section": "s", "label": "Serum creatinine", "unit": "µmol/L", "units": {"µmol/L": 1, "mg/dL": 88.4},
   "min": 0, "min_exclusive": true, "max": 3000},
  {"id": "creatinine_clearance", "type": "number", "section": "s", "label": "Measured creatinine clearance", "unit": "mL/min",
   "units": {"mL/min": 1}, "min": 0, "max": 300}
])";

inline const char* const kClinicDerived = R"([
  {"id": "age", "function": "completed_years", "label": "Age", "unit": "years",
   "args": {"years": "age_years", "birth_date": "birth_date", "at": "screening_date"}},
  {"id": "alt_multiple", "function": "multiple_of_uln", "label": "ALT", "unit": "× ULN",
   "args": {"value": "alt", "uln": "alt_uln", "multiple": "alt_x_uln"}},
  {"id": "bilirubin_multiple", "function": "multiple_of_uln", "label": "Total bilirubin", "unit": "× ULN",
   "args": {"value": "bilirubin", "uln": "bilirubin_uln", "multiple": "bilirubin_x_uln"}},
  {"id": "crcl", "function": "cockcroft_gault_unless_measured", "label": "Creatinine clearance", "unit": "mL/min",
   "args": {"measured": "creatinine_clearance", "age": "age", "weight_kg": "weight_kg", "sex": "sex", "female": "female", "creatinine": "creatinine"}},
  {"id": "cells_from", "function": "implied_value", "label": "Cells for manufacturing",
   "args": {"field": "cell_source", "when": {"field": "prior_allo_hsct", "is": false}, "value": "autologous"}},
  {"id": "pregnancy_applies", "function": "implied_value", "label": "Pregnant or lactating",
   "args": {"field": "pregnant", "when": {"field": "sex", "is": "male"}, "value": false}}
])";

// The clinic dictionary with the given criteria (a JSON array text).
inline std::string clinic_criteria(const std::string& criteria)
{
    return mini_criteria(kClinicFields, criteria, kClinicDerived);
}

// One criterion "k" (inclusion, title "K", source "S.") with `rule`.
inline std::string clinic_rule(const std::string& rule)
{
    return clinic_criteria(R"([{"id": "k", "kind": "inclusion", "title": "K", "source": "S.", "rule": )" + rule + "}]");
}

} // namespace elig_test
