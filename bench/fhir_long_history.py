#!/usr/bin/env python3
"""A FHIR R4 Bundle as a hospital would export a long-treated patient's chart:
one Patient and N haemoglobin Observations (LOINC 718-7), one a day going
back from the as-of date, each with its reference range, about 340 bytes an
entry. For timing and memory of the importer (bench/fhir_import_scale.sh).

    fhir_long_history.py N [AS_OF] > bundle.json      (AS_OF default 2027-01-10)
"""
import datetime
import sys


def main():
    count = int(sys.argv[1])
    as_of = datetime.date.fromisoformat(sys.argv[2] if len(sys.argv) > 2 else "2027-01-10")
    out = sys.stdout
    out.write('{"resourceType":"Bundle","type":"collection","entry":[\n')
    out.write('{"fullUrl":"urn:uuid:patient-1","resource":{"resourceType":"Patient","id":"patient-1",'
              '"gender":"female","birthDate":"1971-03-02"}}')
    for i in range(count):
        # Several results a day on long histories: a reading every 2 hours.
        when = datetime.datetime.combine(as_of, datetime.time(8, 0)) - datetime.timedelta(hours=2 * i)
        value = 60 + (i * 37) % 90
        out.write(f',\n{{"fullUrl":"urn:uuid:hb-{i}","resource":{{"resourceType":"Observation","id":"hb-{i}","status":"final",'
                  f'"code":{{"coding":[{{"system":"http://loinc.org","code":"718-7","display":"Hemoglobin"}}]}},'
                  f'"subject":{{"reference":"urn:uuid:patient-1"}},"effectiveDateTime":"{when.isoformat()}+08:00",'
                  f'"valueQuantity":{{"value":{value},"unit":"g/L","system":"http://unitsofmeasure.org","code":"g/L"}}}}}}')
    out.write("\n]}\n")


if __name__ == "__main__":
    main()
