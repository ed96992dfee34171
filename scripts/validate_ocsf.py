#!/usr/bin/env python3
"""Validates a JSON array of OCSF events against the OCSF schema (the integration tests run it).

The schema comes from the ocsf-json-schema package, which ships the OCSF schema exports and turns
a class (with its profiles) into a JSON Schema 2020-12; jsonschema validates each event against it.
Each event is checked against the class named by its class_uid, in the OCSF version of its
metadata.version, with the profiles of its metadata.profiles. No network: the schema is packaged.
An attribute the schema marks @deprecated fails too (the package's JSON Schema export keeps the mark
as the 2020-12 annotation "deprecated": true, which plain validation ignores).

Usage: validate_ocsf.py FILE    prints one line per invalid event and exits 1, or a summary and exits 0.
"""
import json
import sys

from jsonschema import Draft202012Validator, ValidationError, validators as jsonschema_validators
from ocsf_json_schema import OcsfJsonSchemaEmbedded, get_ocsf_schema


def _deprecated(_validator, deprecated, _instance, _schema):
    if deprecated:
        yield ValidationError("deprecated")


# Draft 2020-12 with "deprecated": true an error instead of an annotation.
StrictValidator = jsonschema_validators.extend(Draft202012Validator, {"deprecated": _deprecated})


def main(path):
    with open(path, encoding="utf-8") as f:
        events = json.load(f)
    if not isinstance(events, list) or not events:
        print(f"{path}: expected a non-empty JSON array of events")
        return 1
    schemas, validators, errors = {}, {}, 0
    for i, event in enumerate(events):
        version = event.get("metadata", {}).get("version")
        profiles = tuple(sorted(event.get("metadata", {}).get("profiles", [])))
        if version not in schemas:
            schemas[version] = OcsfJsonSchemaEmbedded(get_ocsf_schema(version=version))
        key = (version, event.get("class_uid"), profiles)
        if key not in validators:
            schema = schemas[version]
            name = schema.lookup_class_name_from_uid(event.get("class_uid"))
            validators[key] = (name, StrictValidator(schema.get_class_schema(class_name=name, profiles=list(profiles))))
        name, validator = validators[key]
        for error in validator.iter_errors(event):
            errors += 1
            where = "/".join(str(p) for p in error.absolute_path) or "(event)"
            message = f"deprecated in OCSF {version}" if error.validator == "deprecated" else error.message
            print(f"event {i} ({name}): {where}: {message}")
    if errors:
        return 1
    classes = sorted({f"{v}:{c}" for (v, c, _p) in validators})
    print(f"{len(events)} events valid against OCSF {', '.join(classes)}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1])
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
