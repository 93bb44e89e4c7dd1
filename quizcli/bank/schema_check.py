# Generated from schema.json and lab_args.json by `uv run python -m quizcli.bank.catalog`
# (fastjsonschema.compile_to_code, the schema fragments of its errors left out); regenerate it after
# changing the schema. Not edited by hand.
# mypy: ignore-errors
# ruff: noqa
# fmt: off
SCHEMA_SHA256 = 'e016f91c3ba4a18f8a972944bd0d4673266a520b18c0ef0de304233eaae8f2e7'
VERSION = '2.22.3'
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException
REGEX_PATTERNS = {'^[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*$': re.compile('^[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*\\Z'), '\\S': re.compile('\\S'), '^[a-z0-9]+(-[a-z0-9]+)*$': re.compile('^[a-z0-9]+(-[a-z0-9]+)*\\Z')}
NoneType = type(None)

def validate_https___quiz_invalid_bank_v1_json(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, dict):
        raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must be object', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['format_version', 'questions']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
        data_keys = set(data.keys())
        if 'format_version' in data_keys:
            data_keys.remove('format_version')
            data__formatversion = data['format_version']
            if not (isinstance(data__formatversion, (int, float)) and (not isinstance(data__formatversion, bool)) and (data__formatversion == 1)):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.format_version must be same as const definition: 1', value=data__formatversion, name='' + (name_prefix or 'data') + '.format_version', definition=None, rule='const')
        if 'description' in data_keys:
            data_keys.remove('description')
            data__description = data['description']
            if not isinstance(data__description, str):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.description must be string', value=data__description, name='' + (name_prefix or 'data') + '.description', definition=None, rule='type')
        if 'questions' in data_keys:
            data_keys.remove('questions')
            data__questions = data['questions']
            if not isinstance(data__questions, (list, tuple)):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.questions must be array', value=data__questions, name='' + (name_prefix or 'data') + '.questions', definition=None, rule='type')
            data__questions_is_list = isinstance(data__questions, (list, tuple))
            if data__questions_is_list:
                data__questions_len = len(data__questions)
                if data__questions_len < 1:
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.questions must contain at least 1 items', value=data__questions, name='' + (name_prefix or 'data') + '.questions', definition=None, rule='minItems')
                for data__questions_x, data__questions_item in enumerate(data__questions):
                    validate_https___quiz_invalid_bank_v1_json___defs_question(data__questions_item, custom_formats, (name_prefix or 'data') + '.questions[{data__questions_x}]'.format(**locals()))
        if data_keys:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must not contain ' + str(data_keys) + ' properties', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='additionalProperties')
    return data

def validate_https___quiz_invalid_bank_v1_json___defs_question(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, dict):
        raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must be object', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='type')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if 'kind' in data_keys:
                data_keys.remove('kind')
                data__kind = data['kind']
                if not (isinstance(data__kind, str) and data__kind == 'choice'):
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.kind must be same as const definition: choice', value=data__kind, name='' + (name_prefix or 'data') + '.kind', definition=None, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        try:
            data_any_of_count1 = 0
            if not data_any_of_count1:
                try:
                    data_is_dict = isinstance(data, dict)
                    if data_is_dict:
                        data__missing_keys = set(['solver']) - data.keys()
                        if data__missing_keys:
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
                    data_any_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException):
                    pass
            if not data_any_of_count1:
                try:
                    data_is_dict = isinstance(data, dict)
                    if data_is_dict:
                        data__missing_keys = set(['inputs']) - data.keys()
                        if data__missing_keys:
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
                    data_any_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException):
                    pass
            if not data_any_of_count1:
                try:
                    data_is_dict = isinstance(data, dict)
                    if data_is_dict:
                        data__missing_keys = set(['variants']) - data.keys()
                        if data__missing_keys:
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
                    data_any_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException):
                    pass
            if not data_any_of_count1:
                try:
                    data_is_dict = isinstance(data, dict)
                    if data_is_dict:
                        data__missing_keys = set(['model_answer']) - data.keys()
                        if data__missing_keys:
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
                    data_any_of_count1 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException):
                    pass
            if not data_any_of_count1:
                raise JsonSchemaValueException('' + (name_prefix or 'data') + ' cannot be validated by any definition', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='anyOf')
        except (JsonSchemaValueException, JsonSchemaValuesException):
            pass
        else:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must NOT match a disallowed definition', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='not')
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['options']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
            data_keys = set(data.keys())
            if 'options' in data_keys:
                data_keys.remove('options')
                data__options = data['options']
                data__options_is_list = isinstance(data__options, (list, tuple))
                if data__options_is_list:
                    data__options_len = len(data__options)
                    if data__options_len < 2:
                        raise JsonSchemaValueException('' + (name_prefix or 'data') + '.options must contain at least 2 items', value=data__options, name='' + (name_prefix or 'data') + '.options', definition=None, rule='minItems')
                    for data__options_x, data__options_item in enumerate(data__options):
                        validate_https___quiz_invalid_bank_v1_json___defs_option(data__options_item, custom_formats, (name_prefix or 'data') + '.options[{data__options_x}]'.format(**locals()))
                    data__options_contains = False
                    for data__options_key in data__options:
                        try:
                            validate_https___quiz_invalid_bank_v1_json___defs_correct_option(data__options_key, custom_formats, (name_prefix or 'data') + '.options')
                            data__options_contains = True
                            break
                        except (JsonSchemaValueException, JsonSchemaValuesException):
                            pass
                    if not data__options_contains:
                        raise JsonSchemaValueException('' + (name_prefix or 'data') + '.options must contain one of contains definition', value=data__options, name='' + (name_prefix or 'data') + '.options', definition=None, rule='contains')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if 'kind' in data_keys:
                data_keys.remove('kind')
                data__kind = data['kind']
                if not (isinstance(data__kind, str) and data__kind == 'numeric' or (isinstance(data__kind, str) and data__kind == 'shape')):
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + ".kind must be one of ['numeric', 'shape']", value=data__kind, name='' + (name_prefix or 'data') + '.kind', definition=None, rule='enum')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        try:
            data_any_of_count2 = 0
            if not data_any_of_count2:
                try:
                    data_is_dict = isinstance(data, dict)
                    if data_is_dict:
                        data__missing_keys = set(['options']) - data.keys()
                        if data__missing_keys:
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
                    data_any_of_count2 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException):
                    pass
            if not data_any_of_count2:
                try:
                    data_is_dict = isinstance(data, dict)
                    if data_is_dict:
                        data__missing_keys = set(['inputs']) - data.keys()
                        if data__missing_keys:
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
                    data_any_of_count2 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException):
                    pass
            if not data_any_of_count2:
                try:
                    data_is_dict = isinstance(data, dict)
                    if data_is_dict:
                        data__missing_keys = set(['model_answer']) - data.keys()
                        if data__missing_keys:
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
                    data_any_of_count2 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException):
                    pass
            if not data_any_of_count2:
                raise JsonSchemaValueException('' + (name_prefix or 'data') + ' cannot be validated by any definition', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='anyOf')
        except (JsonSchemaValueException, JsonSchemaValuesException):
            pass
        else:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must NOT match a disallowed definition', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='not')
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['solver', 'params']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if 'kind' in data_keys:
                data_keys.remove('kind')
                data__kind = data['kind']
                if not (isinstance(data__kind, str) and data__kind == 'code-choice'):
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.kind must be same as const definition: code-choice', value=data__kind, name='' + (name_prefix or 'data') + '.kind', definition=None, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        try:
            data_any_of_count3 = 0
            if not data_any_of_count3:
                try:
                    data_is_dict = isinstance(data, dict)
                    if data_is_dict:
                        data__missing_keys = set(['model_answer']) - data.keys()
                        if data__missing_keys:
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
                    data_any_of_count3 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException):
                    pass
            if not data_any_of_count3:
                try:
                    data_is_dict = isinstance(data, dict)
                    if data_is_dict:
                        data__missing_keys = set(['tolerance']) - data.keys()
                        if data__missing_keys:
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
                    data_any_of_count3 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException):
                    pass
            if not data_any_of_count3:
                raise JsonSchemaValueException('' + (name_prefix or 'data') + ' cannot be validated by any definition', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='anyOf')
        except (JsonSchemaValueException, JsonSchemaValuesException):
            pass
        else:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must NOT match a disallowed definition', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='not')
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['solver', 'params', 'inputs', 'options']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
            data_keys = set(data.keys())
            if 'options' in data_keys:
                data_keys.remove('options')
                data__options = data['options']
                data__options_is_list = isinstance(data__options, (list, tuple))
                if data__options_is_list:
                    data__options_len = len(data__options)
                    if data__options_len < 2:
                        raise JsonSchemaValueException('' + (name_prefix or 'data') + '.options must contain at least 2 items', value=data__options, name='' + (name_prefix or 'data') + '.options', definition=None, rule='minItems')
                    for data__options_x, data__options_item in enumerate(data__options):
                        validate_https___quiz_invalid_bank_v1_json___defs_code_option(data__options_item, custom_formats, (name_prefix or 'data') + '.options[{data__options_x}]'.format(**locals()))
                    data__options_contains = False
                    for data__options_key in data__options:
                        try:
                            validate_https___quiz_invalid_bank_v1_json___defs_correct_option(data__options_key, custom_formats, (name_prefix or 'data') + '.options')
                            data__options_contains = True
                            break
                        except (JsonSchemaValueException, JsonSchemaValuesException):
                            pass
                    if not data__options_contains:
                        raise JsonSchemaValueException('' + (name_prefix or 'data') + '.options must contain one of contains definition', value=data__options, name='' + (name_prefix or 'data') + '.options', definition=None, rule='contains')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if 'kind' in data_keys:
                data_keys.remove('kind')
                data__kind = data['kind']
                if not (isinstance(data__kind, str) and data__kind == 'text'):
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.kind must be same as const definition: text', value=data__kind, name='' + (name_prefix or 'data') + '.kind', definition=None, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        try:
            data_any_of_count4 = 0
            if not data_any_of_count4:
                try:
                    data_is_dict = isinstance(data, dict)
                    if data_is_dict:
                        data__missing_keys = set(['options']) - data.keys()
                        if data__missing_keys:
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
                    data_any_of_count4 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException):
                    pass
            if not data_any_of_count4:
                try:
                    data_is_dict = isinstance(data, dict)
                    if data_is_dict:
                        data__missing_keys = set(['solver']) - data.keys()
                        if data__missing_keys:
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
                    data_any_of_count4 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException):
                    pass
            if not data_any_of_count4:
                try:
                    data_is_dict = isinstance(data, dict)
                    if data_is_dict:
                        data__missing_keys = set(['variants']) - data.keys()
                        if data__missing_keys:
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
                    data_any_of_count4 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException):
                    pass
            if not data_any_of_count4:
                raise JsonSchemaValueException('' + (name_prefix or 'data') + ' cannot be validated by any definition', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='anyOf')
        except (JsonSchemaValueException, JsonSchemaValuesException):
            pass
        else:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must NOT match a disallowed definition', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='not')
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['model_answer', 'keywords']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['id', 'topic', 'section', 'tags', 'source', 'kind', 'difficulty', 'prompt', 'explanation']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
        data_keys = set(data.keys())
        if 'id' in data_keys:
            data_keys.remove('id')
            data__id = data['id']
            validate_https___quiz_invalid_bank_v1_json___defs_slug(data__id, custom_formats, (name_prefix or 'data') + '.id')
        if 'topic' in data_keys:
            data_keys.remove('topic')
            data__topic = data['topic']
            validate_https___quiz_invalid_bank_v1_json___defs_slug(data__topic, custom_formats, (name_prefix or 'data') + '.topic')
        if 'section' in data_keys:
            data_keys.remove('section')
            data__section = data['section']
            validate_https___quiz_invalid_bank_v1_json___defs_slug(data__section, custom_formats, (name_prefix or 'data') + '.section')
        if 'tags' in data_keys:
            data_keys.remove('tags')
            data__tags = data['tags']
            if not isinstance(data__tags, (list, tuple)):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.tags must be array', value=data__tags, name='' + (name_prefix or 'data') + '.tags', definition=None, rule='type')
            data__tags_is_list = isinstance(data__tags, (list, tuple))
            if data__tags_is_list:
                data__tags_len = len(data__tags)
                if data__tags_len < 1:
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.tags must contain at least 1 items', value=data__tags, name='' + (name_prefix or 'data') + '.tags', definition=None, rule='minItems')

                def fn(var):
                    return frozenset(dict(((k, fn(v)) for k, v in var.items())).items()) if hasattr(var, 'items') else tuple((fn(v) for v in var)) if isinstance(var, (dict, list)) else (bool, var) if isinstance(var, bool) else var
                if data__tags_len > len(set((fn(data__tags_x) for data__tags_x in data__tags))):
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.tags must contain unique items', value=data__tags, name='' + (name_prefix or 'data') + '.tags', definition=None, rule='uniqueItems')
                for data__tags_x, data__tags_item in enumerate(data__tags):
                    validate_https___quiz_invalid_bank_v1_json___defs_slug(data__tags_item, custom_formats, (name_prefix or 'data') + '.tags[{data__tags_x}]'.format(**locals()))
        if 'source' in data_keys:
            data_keys.remove('source')
            data__source = data['source']
            if not (isinstance(data__source, str) and data__source == '確認テスト' or (isinstance(data__source, str) and data__source == '演習チャレンジ') or (isinstance(data__source, str) and data__source == 'コード演習') or (isinstance(data__source, str) and data__source == '実装演習') or (isinstance(data__source, str) and data__source == 'drill') or (isinstance(data__source, str) and data__source == 'concept')):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + ".source must be one of ['確認テスト', '演習チャレンジ', 'コード演習', '実装演習', 'drill', 'concept']", value=data__source, name='' + (name_prefix or 'data') + '.source', definition=None, rule='enum')
        if 'kind' in data_keys:
            data_keys.remove('kind')
            data__kind = data['kind']
            if not (isinstance(data__kind, str) and data__kind == 'choice' or (isinstance(data__kind, str) and data__kind == 'numeric') or (isinstance(data__kind, str) and data__kind == 'shape') or (isinstance(data__kind, str) and data__kind == 'code-choice') or (isinstance(data__kind, str) and data__kind == 'text')):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + ".kind must be one of ['choice', 'numeric', 'shape', 'code-choice', 'text']", value=data__kind, name='' + (name_prefix or 'data') + '.kind', definition=None, rule='enum')
        if 'difficulty' in data_keys:
            data_keys.remove('difficulty')
            data__difficulty = data['difficulty']
            if not isinstance(data__difficulty, int) and (not (isinstance(data__difficulty, float) and data__difficulty.is_integer())) or isinstance(data__difficulty, bool):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.difficulty must be integer', value=data__difficulty, name='' + (name_prefix or 'data') + '.difficulty', definition=None, rule='type')
            if isinstance(data__difficulty, (int, float, Decimal)) and (not isinstance(data__difficulty, bool)):
                if data__difficulty < 1:
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.difficulty must be bigger than or equal to 1', value=data__difficulty, name='' + (name_prefix or 'data') + '.difficulty', definition=None, rule='minimum')
                if data__difficulty > 3:
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.difficulty must be smaller than or equal to 3', value=data__difficulty, name='' + (name_prefix or 'data') + '.difficulty', definition=None, rule='maximum')
        if 'prompt' in data_keys:
            data_keys.remove('prompt')
            data__prompt = data['prompt']
            validate_https___quiz_invalid_bank_v1_json___defs_text(data__prompt, custom_formats, (name_prefix or 'data') + '.prompt')
        if 'explanation' in data_keys:
            data_keys.remove('explanation')
            data__explanation = data['explanation']
            validate_https___quiz_invalid_bank_v1_json___defs_text(data__explanation, custom_formats, (name_prefix or 'data') + '.explanation')
        if 'hint' in data_keys:
            data_keys.remove('hint')
            data__hint = data['hint']
            validate_https___quiz_invalid_bank_v1_json___defs_text(data__hint, custom_formats, (name_prefix or 'data') + '.hint')
        if 'lab' in data_keys:
            data_keys.remove('lab')
            data__lab = data['lab']
            validate_https___quiz_invalid_bank_v1_json___defs_lab(data__lab, custom_formats, (name_prefix or 'data') + '.lab')
        if 'options' in data_keys:
            data_keys.remove('options')
            data__options = data['options']
            if not isinstance(data__options, (list, tuple)):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.options must be array', value=data__options, name='' + (name_prefix or 'data') + '.options', definition=None, rule='type')
        if 'solver' in data_keys:
            data_keys.remove('solver')
            data__solver = data['solver']
            validate_https___quiz_invalid_bank_v1_json___defs_slug(data__solver, custom_formats, (name_prefix or 'data') + '.solver')
        if 'params' in data_keys:
            data_keys.remove('params')
            data__params = data['params']
            if not isinstance(data__params, dict):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.params must be object', value=data__params, name='' + (name_prefix or 'data') + '.params', definition=None, rule='type')
        if 'pick' in data_keys:
            data_keys.remove('pick')
            data__pick = data['pick']
            if not isinstance(data__pick, str):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.pick must be string', value=data__pick, name='' + (name_prefix or 'data') + '.pick', definition=None, rule='type')
            if isinstance(data__pick, str):
                if not REGEX_PATTERNS['^[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*$'].search(data__pick):
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.pick must match pattern ^[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*$', value=data__pick, name='' + (name_prefix or 'data') + '.pick', definition=None, rule='pattern')
        if 'tolerance' in data_keys:
            data_keys.remove('tolerance')
            data__tolerance = data['tolerance']
            validate_https___quiz_invalid_bank_v1_json___defs_tolerance(data__tolerance, custom_formats, (name_prefix or 'data') + '.tolerance')
        if 'unit' in data_keys:
            data_keys.remove('unit')
            data__unit = data['unit']
            validate_https___quiz_invalid_bank_v1_json___defs_text(data__unit, custom_formats, (name_prefix or 'data') + '.unit')
        if 'inputs' in data_keys:
            data_keys.remove('inputs')
            data__inputs = data['inputs']
            if not isinstance(data__inputs, dict):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.inputs must be object', value=data__inputs, name='' + (name_prefix or 'data') + '.inputs', definition=None, rule='type')
        if 'setup' in data_keys:
            data_keys.remove('setup')
            data__setup = data['setup']
            if not isinstance(data__setup, dict):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.setup must be object', value=data__setup, name='' + (name_prefix or 'data') + '.setup', definition=None, rule='type')
            data__setup_is_dict = isinstance(data__setup, dict)
            if data__setup_is_dict:
                data__setup_keys = set(data__setup.keys())
                for data__setup_key in data__setup_keys:
                    if data__setup_key not in []:
                        data__setup_value = data__setup.get(data__setup_key)
                        validate_https___quiz_invalid_bank_v1_json___defs_expression(data__setup_value, custom_formats, (name_prefix or 'data') + '.setup.{data__setup_key}'.format(**locals()))
        if 'variants' in data_keys:
            data_keys.remove('variants')
            data__variants = data['variants']
            validate_https___quiz_invalid_bank_v1_json___defs_variants(data__variants, custom_formats, (name_prefix or 'data') + '.variants')
        if 'model_answer' in data_keys:
            data_keys.remove('model_answer')
            data__modelanswer = data['model_answer']
            validate_https___quiz_invalid_bank_v1_json___defs_text(data__modelanswer, custom_formats, (name_prefix or 'data') + '.model_answer')
        if 'keywords' in data_keys:
            data_keys.remove('keywords')
            data__keywords = data['keywords']
            if not isinstance(data__keywords, dict):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.keywords must be object', value=data__keywords, name='' + (name_prefix or 'data') + '.keywords', definition=None, rule='type')
            data__keywords_is_dict = isinstance(data__keywords, dict)
            if data__keywords_is_dict:
                data__keywords__missing_keys = set(['ja', 'en']) - data__keywords.keys()
                if data__keywords__missing_keys:
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.keywords must contain ' + (str(sorted(data__keywords__missing_keys)) + ' properties'), value=data__keywords, name='' + (name_prefix or 'data') + '.keywords', definition=None, rule='required')
                data__keywords_keys = set(data__keywords.keys())
                if 'ja' in data__keywords_keys:
                    data__keywords_keys.remove('ja')
                    data__keywords__ja = data__keywords['ja']
                    if not isinstance(data__keywords__ja, (list, tuple)):
                        raise JsonSchemaValueException('' + (name_prefix or 'data') + '.keywords.ja must be array', value=data__keywords__ja, name='' + (name_prefix or 'data') + '.keywords.ja', definition=None, rule='type')
                    data__keywords__ja_is_list = isinstance(data__keywords__ja, (list, tuple))
                    if data__keywords__ja_is_list:
                        data__keywords__ja_len = len(data__keywords__ja)
                        if data__keywords__ja_len < 1:
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.keywords.ja must contain at least 1 items', value=data__keywords__ja, name='' + (name_prefix or 'data') + '.keywords.ja', definition=None, rule='minItems')
                        for data__keywords__ja_x, data__keywords__ja_item in enumerate(data__keywords__ja):
                            validate_https___quiz_invalid_bank_v1_json___defs_line(data__keywords__ja_item, custom_formats, (name_prefix or 'data') + '.keywords.ja[{data__keywords__ja_x}]'.format(**locals()))
                if 'en' in data__keywords_keys:
                    data__keywords_keys.remove('en')
                    data__keywords__en = data__keywords['en']
                    if not isinstance(data__keywords__en, (list, tuple)):
                        raise JsonSchemaValueException('' + (name_prefix or 'data') + '.keywords.en must be array', value=data__keywords__en, name='' + (name_prefix or 'data') + '.keywords.en', definition=None, rule='type')
                    data__keywords__en_is_list = isinstance(data__keywords__en, (list, tuple))
                    if data__keywords__en_is_list:
                        data__keywords__en_len = len(data__keywords__en)
                        if data__keywords__en_len < 1:
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.keywords.en must contain at least 1 items', value=data__keywords__en, name='' + (name_prefix or 'data') + '.keywords.en', definition=None, rule='minItems')
                        for data__keywords__en_x, data__keywords__en_item in enumerate(data__keywords__en):
                            validate_https___quiz_invalid_bank_v1_json___defs_line(data__keywords__en_item, custom_formats, (name_prefix or 'data') + '.keywords.en[{data__keywords__en_x}]'.format(**locals()))
                if data__keywords_keys:
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.keywords must not contain ' + str(data__keywords_keys) + ' properties', value=data__keywords, name='' + (name_prefix or 'data') + '.keywords', definition=None, rule='additionalProperties')
        if data_keys:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must not contain ' + str(data_keys) + ' properties', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='additionalProperties')
    return data

def validate_https___quiz_invalid_bank_v1_json___defs_line(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, str):
        raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must be string', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='type')
    if isinstance(data, str):
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must be longer than or equal to 1 characters', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='minLength')
        if not REGEX_PATTERNS['\\S'].search(data):
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must match pattern \\S', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='pattern')
    return data

def validate_https___quiz_invalid_bank_v1_json___defs_variants(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, dict):
        raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must be object', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain at least 1 properties', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='minProperties')
        data_keys = set(data.keys())
        if 'params' in data_keys:
            data_keys.remove('params')
            data__params = data['params']
            if not isinstance(data__params, dict):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.params must be object', value=data__params, name='' + (name_prefix or 'data') + '.params', definition=None, rule='type')
            data__params_is_dict = isinstance(data__params, dict)
            if data__params_is_dict:
                data__params_keys = set(data__params.keys())
                for data__params_key in data__params_keys:
                    if data__params_key not in []:
                        data__params_value = data__params.get(data__params_key)
                        validate_https___quiz_invalid_bank_v1_json___defs_generator(data__params_value, custom_formats, (name_prefix or 'data') + '.params.{data__params_key}'.format(**locals()))
        if 'inputs' in data_keys:
            data_keys.remove('inputs')
            data__inputs = data['inputs']
            if not isinstance(data__inputs, dict):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.inputs must be object', value=data__inputs, name='' + (name_prefix or 'data') + '.inputs', definition=None, rule='type')
            data__inputs_is_dict = isinstance(data__inputs, dict)
            if data__inputs_is_dict:
                data__inputs_keys = set(data__inputs.keys())
                for data__inputs_key in data__inputs_keys:
                    if data__inputs_key not in []:
                        data__inputs_value = data__inputs.get(data__inputs_key)
                        validate_https___quiz_invalid_bank_v1_json___defs_generator(data__inputs_value, custom_formats, (name_prefix or 'data') + '.inputs.{data__inputs_key}'.format(**locals()))
        if 'constraints' in data_keys:
            data_keys.remove('constraints')
            data__constraints = data['constraints']
            if not isinstance(data__constraints, (list, tuple)):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.constraints must be array', value=data__constraints, name='' + (name_prefix or 'data') + '.constraints', definition=None, rule='type')
            data__constraints_is_list = isinstance(data__constraints, (list, tuple))
            if data__constraints_is_list:
                data__constraints_len = len(data__constraints)
                for data__constraints_x, data__constraints_item in enumerate(data__constraints):
                    validate_https___quiz_invalid_bank_v1_json___defs_expression(data__constraints_item, custom_formats, (name_prefix or 'data') + '.constraints[{data__constraints_x}]'.format(**locals()))
        if 'interesting' in data_keys:
            data_keys.remove('interesting')
            data__interesting = data['interesting']
            if not isinstance(data__interesting, (list, tuple)):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.interesting must be array', value=data__interesting, name='' + (name_prefix or 'data') + '.interesting', definition=None, rule='type')
            data__interesting_is_list = isinstance(data__interesting, (list, tuple))
            if data__interesting_is_list:
                data__interesting_len = len(data__interesting)
                if data__interesting_len < 1:
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.interesting must contain at least 1 items', value=data__interesting, name='' + (name_prefix or 'data') + '.interesting', definition=None, rule='minItems')
                for data__interesting_x, data__interesting_item in enumerate(data__interesting):
                    validate_https___quiz_invalid_bank_v1_json___defs_interesting(data__interesting_item, custom_formats, (name_prefix or 'data') + '.interesting[{data__interesting_x}]'.format(**locals()))
        if data_keys:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must not contain ' + str(data_keys) + ' properties', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='additionalProperties')
    return data

def validate_https___quiz_invalid_bank_v1_json___defs_interesting(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, dict):
        raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must be object', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['when', 'share']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
        data_keys = set(data.keys())
        if 'when' in data_keys:
            data_keys.remove('when')
            data__when = data['when']
            validate_https___quiz_invalid_bank_v1_json___defs_expression(data__when, custom_formats, (name_prefix or 'data') + '.when')
        if 'share' in data_keys:
            data_keys.remove('share')
            data__share = data['share']
            if not isinstance(data__share, (list, tuple)):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.share must be array', value=data__share, name='' + (name_prefix or 'data') + '.share', definition=None, rule='type')
            data__share_is_list = isinstance(data__share, (list, tuple))
            if data__share_is_list:
                data__share_len = len(data__share)
                if data__share_len < 2:
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.share must contain at least 2 items', value=data__share, name='' + (name_prefix or 'data') + '.share', definition=None, rule='minItems')
                if data__share_len > 2:
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.share must contain less than or equal to 2 items', value=data__share, name='' + (name_prefix or 'data') + '.share', definition=None, rule='maxItems')
                for data__share_x, data__share_item in enumerate(data__share):
                    if not isinstance(data__share_item, (int, float, Decimal)) or isinstance(data__share_item, bool):
                        raise JsonSchemaValueException('' + (name_prefix or 'data') + '.share[{data__share_x}]'.format(**locals()) + ' must be number', value=data__share_item, name='' + (name_prefix or 'data') + '.share[{data__share_x}]'.format(**locals()) + '', definition=None, rule='type')
                    if isinstance(data__share_item, (int, float, Decimal)) and (not isinstance(data__share_item, bool)):
                        if data__share_item < 0:
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.share[{data__share_x}]'.format(**locals()) + ' must be bigger than or equal to 0', value=data__share_item, name='' + (name_prefix or 'data') + '.share[{data__share_x}]'.format(**locals()) + '', definition=None, rule='minimum')
                        if data__share_item > 1:
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.share[{data__share_x}]'.format(**locals()) + ' must be smaller than or equal to 1', value=data__share_item, name='' + (name_prefix or 'data') + '.share[{data__share_x}]'.format(**locals()) + '', definition=None, rule='maximum')
        if data_keys:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must not contain ' + str(data_keys) + ' properties', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='additionalProperties')
    return data

def validate_https___quiz_invalid_bank_v1_json___defs_generator(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, dict):
        raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must be object', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='type')
    data_one_of_count5 = 0
    if data_one_of_count5 < 2:
        try:
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['int']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
                data_keys = set(data.keys())
                if 'int' in data_keys:
                    data_keys.remove('int')
                    data__int = data['int']
                    validate_https___quiz_invalid_bank_v1_json___defs_interval(data__int, custom_formats, (name_prefix or 'data') + '.int')
                if data_keys:
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must not contain ' + str(data_keys) + ' properties', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='additionalProperties')
            data_one_of_count5 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException):
            pass
    if data_one_of_count5 < 2:
        try:
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['float']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
                data_keys = set(data.keys())
                if 'float' in data_keys:
                    data_keys.remove('float')
                    data__float = data['float']
                    validate_https___quiz_invalid_bank_v1_json___defs_interval(data__float, custom_formats, (name_prefix or 'data') + '.float')
                if 'decimals' in data_keys:
                    data_keys.remove('decimals')
                    data__decimals = data['decimals']
                    validate_https___quiz_invalid_bank_v1_json___defs_decimals(data__decimals, custom_formats, (name_prefix or 'data') + '.decimals')
                if data_keys:
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must not contain ' + str(data_keys) + ' properties', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='additionalProperties')
            data_one_of_count5 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException):
            pass
    if data_one_of_count5 < 2:
        try:
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['choice']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
                data_keys = set(data.keys())
                if 'choice' in data_keys:
                    data_keys.remove('choice')
                    data__choice = data['choice']
                    if not isinstance(data__choice, (list, tuple)):
                        raise JsonSchemaValueException('' + (name_prefix or 'data') + '.choice must be array', value=data__choice, name='' + (name_prefix or 'data') + '.choice', definition=None, rule='type')
                    data__choice_is_list = isinstance(data__choice, (list, tuple))
                    if data__choice_is_list:
                        data__choice_len = len(data__choice)
                        if data__choice_len < 1:
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.choice must contain at least 1 items', value=data__choice, name='' + (name_prefix or 'data') + '.choice', definition=None, rule='minItems')
                if data_keys:
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must not contain ' + str(data_keys) + ' properties', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='additionalProperties')
            data_one_of_count5 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException):
            pass
    if data_one_of_count5 < 2:
        try:
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['array', 'shape']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
                data_keys = set(data.keys())
                if 'array' in data_keys:
                    data_keys.remove('array')
                    data__array = data['array']
                    validate_https___quiz_invalid_bank_v1_json___defs_interval(data__array, custom_formats, (name_prefix or 'data') + '.array')
                if 'shape' in data_keys:
                    data_keys.remove('shape')
                    data__shape = data['shape']
                    validate_https___quiz_invalid_bank_v1_json___defs_shape(data__shape, custom_formats, (name_prefix or 'data') + '.shape')
                if 'decimals' in data_keys:
                    data_keys.remove('decimals')
                    data__decimals = data['decimals']
                    validate_https___quiz_invalid_bank_v1_json___defs_decimals(data__decimals, custom_formats, (name_prefix or 'data') + '.decimals')
                if data_keys:
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must not contain ' + str(data_keys) + ' properties', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='additionalProperties')
            data_one_of_count5 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException):
            pass
    if data_one_of_count5 < 2:
        try:
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['bools']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
                data_keys = set(data.keys())
                if 'bools' in data_keys:
                    data_keys.remove('bools')
                    data__bools = data['bools']
                    if not isinstance(data__bools, int) and (not (isinstance(data__bools, float) and data__bools.is_integer())) or isinstance(data__bools, bool):
                        raise JsonSchemaValueException('' + (name_prefix or 'data') + '.bools must be integer', value=data__bools, name='' + (name_prefix or 'data') + '.bools', definition=None, rule='type')
                    if isinstance(data__bools, (int, float, Decimal)) and (not isinstance(data__bools, bool)):
                        if data__bools < 1:
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.bools must be bigger than or equal to 1', value=data__bools, name='' + (name_prefix or 'data') + '.bools', definition=None, rule='minimum')
                        if data__bools > 1000:
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.bools must be smaller than or equal to 1000', value=data__bools, name='' + (name_prefix or 'data') + '.bools', definition=None, rule='maximum')
                if data_keys:
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must not contain ' + str(data_keys) + ' properties', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='additionalProperties')
            data_one_of_count5 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException):
            pass
    if data_one_of_count5 < 2:
        try:
            data_is_dict = isinstance(data, dict)
            if data_is_dict:
                data__missing_keys = set(['boxes']) - data.keys()
                if data__missing_keys:
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
                data_keys = set(data.keys())
                if 'boxes' in data_keys:
                    data_keys.remove('boxes')
                    data__boxes = data['boxes']
                    validate_https___quiz_invalid_bank_v1_json___defs_interval(data__boxes, custom_formats, (name_prefix or 'data') + '.boxes')
                if 'count' in data_keys:
                    data_keys.remove('count')
                    data__count = data['count']
                    if not isinstance(data__count, int) and (not (isinstance(data__count, float) and data__count.is_integer())) or isinstance(data__count, bool):
                        raise JsonSchemaValueException('' + (name_prefix or 'data') + '.count must be integer', value=data__count, name='' + (name_prefix or 'data') + '.count', definition=None, rule='type')
                    if isinstance(data__count, (int, float, Decimal)) and (not isinstance(data__count, bool)):
                        if data__count < 1:
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.count must be bigger than or equal to 1', value=data__count, name='' + (name_prefix or 'data') + '.count', definition=None, rule='minimum')
                        if data__count > 1000:
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.count must be smaller than or equal to 1000', value=data__count, name='' + (name_prefix or 'data') + '.count', definition=None, rule='maximum')
                if data_keys:
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must not contain ' + str(data_keys) + ' properties', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='additionalProperties')
            data_one_of_count5 += 1
        except (JsonSchemaValueException, JsonSchemaValuesException):
            pass
    if data_one_of_count5 != 1:
        raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must be valid exactly by one definition' + (' (' + str(data_one_of_count5) + ' matches found)'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='oneOf')
    return data

def validate_https___quiz_invalid_bank_v1_json___defs_shape(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (list, tuple)):
        raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must be array', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='type')
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain at least 1 items', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='minItems')
        if data_len > 4:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain less than or equal to 4 items', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='maxItems')
        for data_x, data_item in enumerate(data):
            if not isinstance(data_item, int) and (not (isinstance(data_item, float) and data_item.is_integer())) or isinstance(data_item, bool):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + '[{data_x}]'.format(**locals()) + ' must be integer', value=data_item, name='' + (name_prefix or 'data') + '[{data_x}]'.format(**locals()) + '', definition=None, rule='type')
            if isinstance(data_item, (int, float, Decimal)) and (not isinstance(data_item, bool)):
                if data_item < 1:
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '[{data_x}]'.format(**locals()) + ' must be bigger than or equal to 1', value=data_item, name='' + (name_prefix or 'data') + '[{data_x}]'.format(**locals()) + '', definition=None, rule='minimum')
                if data_item > 64:
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '[{data_x}]'.format(**locals()) + ' must be smaller than or equal to 64', value=data_item, name='' + (name_prefix or 'data') + '[{data_x}]'.format(**locals()) + '', definition=None, rule='maximum')
    return data

def validate_https___quiz_invalid_bank_v1_json___defs_decimals(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, int) and (not (isinstance(data, float) and data.is_integer())) or isinstance(data, bool):
        raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must be integer', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='type')
    if isinstance(data, (int, float, Decimal)) and (not isinstance(data, bool)):
        if data < 0:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must be bigger than or equal to 0', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='minimum')
        if data > 6:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must be smaller than or equal to 6', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='maximum')
    return data

def validate_https___quiz_invalid_bank_v1_json___defs_interval(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (list, tuple)):
        raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must be array', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='type')
    data_is_list = isinstance(data, (list, tuple))
    if data_is_list:
        data_len = len(data)
        if data_len < 2:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain at least 2 items', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='minItems')
        if data_len > 2:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain less than or equal to 2 items', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='maxItems')
        for data_x, data_item in enumerate(data):
            if not isinstance(data_item, (int, float, Decimal)) or isinstance(data_item, bool):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + '[{data_x}]'.format(**locals()) + ' must be number', value=data_item, name='' + (name_prefix or 'data') + '[{data_x}]'.format(**locals()) + '', definition=None, rule='type')
    return data

def validate_https___quiz_invalid_bank_v1_json___defs_expression(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, str):
        raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must be string', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='type')
    if isinstance(data, str):
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must be longer than or equal to 1 characters', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='minLength')
        if data_len > 500:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must be shorter than or equal to 500 characters', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='maxLength')
    return data

def validate_https___quiz_invalid_bank_v1_json___defs_tolerance(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, dict):
        raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must be object', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_len = len(data)
        if data_len < 1:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain at least 1 properties', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='minProperties')
        data_keys = set(data.keys())
        if 'abs' in data_keys:
            data_keys.remove('abs')
            data__abs = data['abs']
            if not isinstance(data__abs, (int, float, Decimal)) or isinstance(data__abs, bool):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.abs must be number', value=data__abs, name='' + (name_prefix or 'data') + '.abs', definition=None, rule='type')
            if isinstance(data__abs, (int, float, Decimal)) and (not isinstance(data__abs, bool)):
                if data__abs < 0:
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.abs must be bigger than or equal to 0', value=data__abs, name='' + (name_prefix or 'data') + '.abs', definition=None, rule='minimum')
        if 'rel' in data_keys:
            data_keys.remove('rel')
            data__rel = data['rel']
            if not isinstance(data__rel, (int, float, Decimal)) or isinstance(data__rel, bool):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.rel must be number', value=data__rel, name='' + (name_prefix or 'data') + '.rel', definition=None, rule='type')
            if isinstance(data__rel, (int, float, Decimal)) and (not isinstance(data__rel, bool)):
                if data__rel < 0:
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.rel must be bigger than or equal to 0', value=data__rel, name='' + (name_prefix or 'data') + '.rel', definition=None, rule='minimum')
        if data_keys:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must not contain ' + str(data_keys) + ' properties', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='additionalProperties')
    return data

def validate_https___quiz_invalid_bank_v1_json___defs_lab(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, dict):
        raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must be object', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='type')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if 'name' in data_keys:
                data_keys.remove('name')
                data__name = data['name']
                if not (isinstance(data__name, str) and data__name == 'kmeans'):
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.name must be same as const definition: kmeans', value=data__name, name='' + (name_prefix or 'data') + '.name', definition=None, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if 'args' in data_keys:
                data_keys.remove('args')
                data__args = data['args']
                if not isinstance(data__args, dict):
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args must be object', value=data__args, name='' + (name_prefix or 'data') + '.args', definition=None, rule='type')
                data__args_is_dict = isinstance(data__args, dict)
                if data__args_is_dict:
                    data__args_keys = set(data__args.keys())
                    if 'k' in data__args_keys:
                        data__args_keys.remove('k')
                        data__args__k = data__args['k']
                        if not isinstance(data__args__k, int) and (not (isinstance(data__args__k, float) and data__args__k.is_integer())) or isinstance(data__args__k, bool):
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.k must be integer', value=data__args__k, name='' + (name_prefix or 'data') + '.args.k', definition=None, rule='type')
                        if isinstance(data__args__k, (int, float, Decimal)) and (not isinstance(data__args__k, bool)):
                            if data__args__k < 1:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.k must be bigger than or equal to 1', value=data__args__k, name='' + (name_prefix or 'data') + '.args.k', definition=None, rule='minimum')
                            if data__args__k > 9:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.k must be smaller than or equal to 9', value=data__args__k, name='' + (name_prefix or 'data') + '.args.k', definition=None, rule='maximum')
                    if 'init' in data__args_keys:
                        data__args_keys.remove('init')
                        data__args__init = data__args['init']
                        if not (isinstance(data__args__init, str) and data__args__init == 'random' or (isinstance(data__args__init, str) and data__args__init == 'kmeans++')):
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + ".args.init must be one of ['random', 'kmeans++']", value=data__args__init, name='' + (name_prefix or 'data') + '.args.init', definition=None, rule='enum')
                    if 'seed' in data__args_keys:
                        data__args_keys.remove('seed')
                        data__args__seed = data__args['seed']
                        if not isinstance(data__args__seed, int) and (not (isinstance(data__args__seed, float) and data__args__seed.is_integer())) or isinstance(data__args__seed, bool):
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.seed must be integer', value=data__args__seed, name='' + (name_prefix or 'data') + '.args.seed', definition=None, rule='type')
                        if isinstance(data__args__seed, (int, float, Decimal)) and (not isinstance(data__args__seed, bool)):
                            if data__args__seed < 0:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.seed must be bigger than or equal to 0', value=data__args__seed, name='' + (name_prefix or 'data') + '.args.seed', definition=None, rule='minimum')
                    if 'iters' in data__args_keys:
                        data__args_keys.remove('iters')
                        data__args__iters = data__args['iters']
                        if not isinstance(data__args__iters, int) and (not (isinstance(data__args__iters, float) and data__args__iters.is_integer())) or isinstance(data__args__iters, bool):
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.iters must be integer', value=data__args__iters, name='' + (name_prefix or 'data') + '.args.iters', definition=None, rule='type')
                        if isinstance(data__args__iters, (int, float, Decimal)) and (not isinstance(data__args__iters, bool)):
                            if data__args__iters < 1:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.iters must be bigger than or equal to 1', value=data__args__iters, name='' + (name_prefix or 'data') + '.args.iters', definition=None, rule='minimum')
                            if data__args__iters > 10000:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.iters must be smaller than or equal to 10000', value=data__args__iters, name='' + (name_prefix or 'data') + '.args.iters', definition=None, rule='maximum')
                    if data__args_keys:
                        raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args must not contain ' + str(data__args_keys) + ' properties', value=data__args, name='' + (name_prefix or 'data') + '.args', definition=None, rule='additionalProperties')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if 'name' in data_keys:
                data_keys.remove('name')
                data__name = data['name']
                if not (isinstance(data__name, str) and data__name == 'optimizers'):
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.name must be same as const definition: optimizers', value=data__name, name='' + (name_prefix or 'data') + '.name', definition=None, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if 'args' in data_keys:
                data_keys.remove('args')
                data__args = data['args']
                if not isinstance(data__args, dict):
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args must be object', value=data__args, name='' + (name_prefix or 'data') + '.args', definition=None, rule='type')
                data__args_is_dict = isinstance(data__args, dict)
                if data__args_is_dict:
                    data__args_keys = set(data__args.keys())
                    if 'function' in data__args_keys:
                        data__args_keys.remove('function')
                        data__args__function = data__args['function']
                        if not (isinstance(data__args__function, str) and data__args__function == 'bowl' or (isinstance(data__args__function, str) and data__args__function == 'valley')):
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + ".args.function must be one of ['bowl', 'valley']", value=data__args__function, name='' + (name_prefix or 'data') + '.args.function', definition=None, rule='enum')
                    if 'steps' in data__args_keys:
                        data__args_keys.remove('steps')
                        data__args__steps = data__args['steps']
                        if not isinstance(data__args__steps, int) and (not (isinstance(data__args__steps, float) and data__args__steps.is_integer())) or isinstance(data__args__steps, bool):
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.steps must be integer', value=data__args__steps, name='' + (name_prefix or 'data') + '.args.steps', definition=None, rule='type')
                        if isinstance(data__args__steps, (int, float, Decimal)) and (not isinstance(data__args__steps, bool)):
                            if data__args__steps < 1:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.steps must be bigger than or equal to 1', value=data__args__steps, name='' + (name_prefix or 'data') + '.args.steps', definition=None, rule='minimum')
                            if data__args__steps > 200:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.steps must be smaller than or equal to 200', value=data__args__steps, name='' + (name_prefix or 'data') + '.args.steps', definition=None, rule='maximum')
                    if 'lr' in data__args_keys:
                        data__args_keys.remove('lr')
                        data__args__lr = data__args['lr']
                        data__args__lr_any_of_count6 = 0
                        if not data__args__lr_any_of_count6:
                            try:
                                if not isinstance(data__args__lr, (int, float, Decimal)) or isinstance(data__args__lr, bool):
                                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.lr must be number', value=data__args__lr, name='' + (name_prefix or 'data') + '.args.lr', definition=None, rule='type')
                                if isinstance(data__args__lr, (int, float, Decimal)) and (not isinstance(data__args__lr, bool)):
                                    if data__args__lr > 100.0:
                                        raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.lr must be smaller than or equal to 100.0', value=data__args__lr, name='' + (name_prefix or 'data') + '.args.lr', definition=None, rule='maximum')
                                    if data__args__lr <= 0:
                                        raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.lr must be bigger than 0', value=data__args__lr, name='' + (name_prefix or 'data') + '.args.lr', definition=None, rule='exclusiveMinimum')
                                data__args__lr_any_of_count6 += 1
                            except (JsonSchemaValueException, JsonSchemaValuesException):
                                pass
                        if not data__args__lr_any_of_count6:
                            try:
                                if not isinstance(data__args__lr, NoneType):
                                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.lr must be null', value=data__args__lr, name='' + (name_prefix or 'data') + '.args.lr', definition=None, rule='type')
                                data__args__lr_any_of_count6 += 1
                            except (JsonSchemaValueException, JsonSchemaValuesException):
                                pass
                        if not data__args__lr_any_of_count6:
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.lr cannot be validated by any definition', value=data__args__lr, name='' + (name_prefix or 'data') + '.args.lr', definition=None, rule='anyOf')
                    if data__args_keys:
                        raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args must not contain ' + str(data__args_keys) + ' properties', value=data__args, name='' + (name_prefix or 'data') + '.args', definition=None, rule='additionalProperties')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if 'name' in data_keys:
                data_keys.remove('name')
                data__name = data['name']
                if not (isinstance(data__name, str) and data__name == 'predict-sin'):
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.name must be same as const definition: predict-sin', value=data__name, name='' + (name_prefix or 'data') + '.name', definition=None, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if 'args' in data_keys:
                data_keys.remove('args')
                data__args = data['args']
                if not isinstance(data__args, dict):
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args must be object', value=data__args, name='' + (name_prefix or 'data') + '.args', definition=None, rule='type')
                data__args_is_dict = isinstance(data__args, dict)
                if data__args_is_dict:
                    data__args_keys = set(data__args.keys())
                    if 'maxlen' in data__args_keys:
                        data__args_keys.remove('maxlen')
                        data__args__maxlen = data__args['maxlen']
                        if not isinstance(data__args__maxlen, int) and (not (isinstance(data__args__maxlen, float) and data__args__maxlen.is_integer())) or isinstance(data__args__maxlen, bool):
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.maxlen must be integer', value=data__args__maxlen, name='' + (name_prefix or 'data') + '.args.maxlen', definition=None, rule='type')
                        if isinstance(data__args__maxlen, (int, float, Decimal)) and (not isinstance(data__args__maxlen, bool)):
                            if data__args__maxlen < 1:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.maxlen must be bigger than or equal to 1', value=data__args__maxlen, name='' + (name_prefix or 'data') + '.args.maxlen', definition=None, rule='minimum')
                            if data__args__maxlen > 100:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.maxlen must be smaller than or equal to 100', value=data__args__maxlen, name='' + (name_prefix or 'data') + '.args.maxlen', definition=None, rule='maximum')
                    if 'iters' in data__args_keys:
                        data__args_keys.remove('iters')
                        data__args__iters = data__args['iters']
                        if not isinstance(data__args__iters, int) and (not (isinstance(data__args__iters, float) and data__args__iters.is_integer())) or isinstance(data__args__iters, bool):
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.iters must be integer', value=data__args__iters, name='' + (name_prefix or 'data') + '.args.iters', definition=None, rule='type')
                        if isinstance(data__args__iters, (int, float, Decimal)) and (not isinstance(data__args__iters, bool)):
                            if data__args__iters < 1:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.iters must be bigger than or equal to 1', value=data__args__iters, name='' + (name_prefix or 'data') + '.args.iters', definition=None, rule='minimum')
                            if data__args__iters > 1000000:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.iters must be smaller than or equal to 1000000', value=data__args__iters, name='' + (name_prefix or 'data') + '.args.iters', definition=None, rule='maximum')
                    if 'hidden' in data__args_keys:
                        data__args_keys.remove('hidden')
                        data__args__hidden = data__args['hidden']
                        if not isinstance(data__args__hidden, int) and (not (isinstance(data__args__hidden, float) and data__args__hidden.is_integer())) or isinstance(data__args__hidden, bool):
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.hidden must be integer', value=data__args__hidden, name='' + (name_prefix or 'data') + '.args.hidden', definition=None, rule='type')
                        if isinstance(data__args__hidden, (int, float, Decimal)) and (not isinstance(data__args__hidden, bool)):
                            if data__args__hidden < 1:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.hidden must be bigger than or equal to 1', value=data__args__hidden, name='' + (name_prefix or 'data') + '.args.hidden', definition=None, rule='minimum')
                            if data__args__hidden > 256:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.hidden must be smaller than or equal to 256', value=data__args__hidden, name='' + (name_prefix or 'data') + '.args.hidden', definition=None, rule='maximum')
                    if 'cell' in data__args_keys:
                        data__args_keys.remove('cell')
                        data__args__cell = data__args['cell']
                        if not (isinstance(data__args__cell, str) and data__args__cell == 'rnn' or (isinstance(data__args__cell, str) and data__args__cell == 'lstm') or (isinstance(data__args__cell, str) and data__args__cell == 'gru')):
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + ".args.cell must be one of ['rnn', 'lstm', 'gru']", value=data__args__cell, name='' + (name_prefix or 'data') + '.args.cell', definition=None, rule='enum')
                    if 'seed' in data__args_keys:
                        data__args_keys.remove('seed')
                        data__args__seed = data__args['seed']
                        if not isinstance(data__args__seed, int) and (not (isinstance(data__args__seed, float) and data__args__seed.is_integer())) or isinstance(data__args__seed, bool):
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.seed must be integer', value=data__args__seed, name='' + (name_prefix or 'data') + '.args.seed', definition=None, rule='type')
                        if isinstance(data__args__seed, (int, float, Decimal)) and (not isinstance(data__args__seed, bool)):
                            if data__args__seed < 0:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.seed must be bigger than or equal to 0', value=data__args__seed, name='' + (name_prefix or 'data') + '.args.seed', definition=None, rule='minimum')
                    if data__args_keys:
                        raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args must not contain ' + str(data__args_keys) + ' properties', value=data__args, name='' + (name_prefix or 'data') + '.args', definition=None, rule='additionalProperties')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if 'name' in data_keys:
                data_keys.remove('name')
                data__name = data['name']
                if not (isinstance(data__name, str) and data__name == 'q-learning'):
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.name must be same as const definition: q-learning', value=data__name, name='' + (name_prefix or 'data') + '.name', definition=None, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if 'args' in data_keys:
                data_keys.remove('args')
                data__args = data['args']
                if not isinstance(data__args, dict):
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args must be object', value=data__args, name='' + (name_prefix or 'data') + '.args', definition=None, rule='type')
                data__args_is_dict = isinstance(data__args, dict)
                if data__args_is_dict:
                    data__args_keys = set(data__args.keys())
                    if 'episodes' in data__args_keys:
                        data__args_keys.remove('episodes')
                        data__args__episodes = data__args['episodes']
                        if not isinstance(data__args__episodes, int) and (not (isinstance(data__args__episodes, float) and data__args__episodes.is_integer())) or isinstance(data__args__episodes, bool):
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.episodes must be integer', value=data__args__episodes, name='' + (name_prefix or 'data') + '.args.episodes', definition=None, rule='type')
                        if isinstance(data__args__episodes, (int, float, Decimal)) and (not isinstance(data__args__episodes, bool)):
                            if data__args__episodes < 1:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.episodes must be bigger than or equal to 1', value=data__args__episodes, name='' + (name_prefix or 'data') + '.args.episodes', definition=None, rule='minimum')
                            if data__args__episodes > 100000:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.episodes must be smaller than or equal to 100000', value=data__args__episodes, name='' + (name_prefix or 'data') + '.args.episodes', definition=None, rule='maximum')
                    if 'epsilon' in data__args_keys:
                        data__args_keys.remove('epsilon')
                        data__args__epsilon = data__args['epsilon']
                        if not isinstance(data__args__epsilon, (int, float, Decimal)) or isinstance(data__args__epsilon, bool):
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.epsilon must be number', value=data__args__epsilon, name='' + (name_prefix or 'data') + '.args.epsilon', definition=None, rule='type')
                        if isinstance(data__args__epsilon, (int, float, Decimal)) and (not isinstance(data__args__epsilon, bool)):
                            if data__args__epsilon > 1.0:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.epsilon must be smaller than or equal to 1.0', value=data__args__epsilon, name='' + (name_prefix or 'data') + '.args.epsilon', definition=None, rule='maximum')
                            if data__args__epsilon <= 0:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.epsilon must be bigger than 0', value=data__args__epsilon, name='' + (name_prefix or 'data') + '.args.epsilon', definition=None, rule='exclusiveMinimum')
                    if 'alpha' in data__args_keys:
                        data__args_keys.remove('alpha')
                        data__args__alpha = data__args['alpha']
                        if not isinstance(data__args__alpha, (int, float, Decimal)) or isinstance(data__args__alpha, bool):
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.alpha must be number', value=data__args__alpha, name='' + (name_prefix or 'data') + '.args.alpha', definition=None, rule='type')
                        if isinstance(data__args__alpha, (int, float, Decimal)) and (not isinstance(data__args__alpha, bool)):
                            if data__args__alpha > 1.0:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.alpha must be smaller than or equal to 1.0', value=data__args__alpha, name='' + (name_prefix or 'data') + '.args.alpha', definition=None, rule='maximum')
                            if data__args__alpha <= 0:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.alpha must be bigger than 0', value=data__args__alpha, name='' + (name_prefix or 'data') + '.args.alpha', definition=None, rule='exclusiveMinimum')
                    if 'gamma' in data__args_keys:
                        data__args_keys.remove('gamma')
                        data__args__gamma = data__args['gamma']
                        if not isinstance(data__args__gamma, (int, float, Decimal)) or isinstance(data__args__gamma, bool):
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.gamma must be number', value=data__args__gamma, name='' + (name_prefix or 'data') + '.args.gamma', definition=None, rule='type')
                        if isinstance(data__args__gamma, (int, float, Decimal)) and (not isinstance(data__args__gamma, bool)):
                            if data__args__gamma > 1.0:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.gamma must be smaller than or equal to 1.0', value=data__args__gamma, name='' + (name_prefix or 'data') + '.args.gamma', definition=None, rule='maximum')
                            if data__args__gamma <= 0:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.gamma must be bigger than 0', value=data__args__gamma, name='' + (name_prefix or 'data') + '.args.gamma', definition=None, rule='exclusiveMinimum')
                    if 'seed' in data__args_keys:
                        data__args_keys.remove('seed')
                        data__args__seed = data__args['seed']
                        if not isinstance(data__args__seed, int) and (not (isinstance(data__args__seed, float) and data__args__seed.is_integer())) or isinstance(data__args__seed, bool):
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.seed must be integer', value=data__args__seed, name='' + (name_prefix or 'data') + '.args.seed', definition=None, rule='type')
                        if isinstance(data__args__seed, (int, float, Decimal)) and (not isinstance(data__args__seed, bool)):
                            if data__args__seed < 0:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.seed must be bigger than or equal to 0', value=data__args__seed, name='' + (name_prefix or 'data') + '.args.seed', definition=None, rule='minimum')
                    if data__args_keys:
                        raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args must not contain ' + str(data__args_keys) + ' properties', value=data__args, name='' + (name_prefix or 'data') + '.args', definition=None, rule='additionalProperties')
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if 'name' in data_keys:
                data_keys.remove('name')
                data__name = data['name']
                if not (isinstance(data__name, str) and data__name == 'rnn-binary-addition'):
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.name must be same as const definition: rnn-binary-addition', value=data__name, name='' + (name_prefix or 'data') + '.name', definition=None, rule='const')
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data_keys = set(data.keys())
            if 'args' in data_keys:
                data_keys.remove('args')
                data__args = data['args']
                if not isinstance(data__args, dict):
                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args must be object', value=data__args, name='' + (name_prefix or 'data') + '.args', definition=None, rule='type')
                data__args_is_dict = isinstance(data__args, dict)
                if data__args_is_dict:
                    data__args_keys = set(data__args.keys())
                    if 'hidden' in data__args_keys:
                        data__args_keys.remove('hidden')
                        data__args__hidden = data__args['hidden']
                        if not isinstance(data__args__hidden, int) and (not (isinstance(data__args__hidden, float) and data__args__hidden.is_integer())) or isinstance(data__args__hidden, bool):
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.hidden must be integer', value=data__args__hidden, name='' + (name_prefix or 'data') + '.args.hidden', definition=None, rule='type')
                        if isinstance(data__args__hidden, (int, float, Decimal)) and (not isinstance(data__args__hidden, bool)):
                            if data__args__hidden < 1:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.hidden must be bigger than or equal to 1', value=data__args__hidden, name='' + (name_prefix or 'data') + '.args.hidden', definition=None, rule='minimum')
                            if data__args__hidden > 1024:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.hidden must be smaller than or equal to 1024', value=data__args__hidden, name='' + (name_prefix or 'data') + '.args.hidden', definition=None, rule='maximum')
                    if 'lr' in data__args_keys:
                        data__args_keys.remove('lr')
                        data__args__lr = data__args['lr']
                        if not isinstance(data__args__lr, (int, float, Decimal)) or isinstance(data__args__lr, bool):
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.lr must be number', value=data__args__lr, name='' + (name_prefix or 'data') + '.args.lr', definition=None, rule='type')
                        if isinstance(data__args__lr, (int, float, Decimal)) and (not isinstance(data__args__lr, bool)):
                            if data__args__lr > 100.0:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.lr must be smaller than or equal to 100.0', value=data__args__lr, name='' + (name_prefix or 'data') + '.args.lr', definition=None, rule='maximum')
                            if data__args__lr <= 0:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.lr must be bigger than 0', value=data__args__lr, name='' + (name_prefix or 'data') + '.args.lr', definition=None, rule='exclusiveMinimum')
                    if 'init' in data__args_keys:
                        data__args_keys.remove('init')
                        data__args__init = data__args['init']
                        if not (isinstance(data__args__init, str) and data__args__init == 'std' or (isinstance(data__args__init, str) and data__args__init == 'xavier') or (isinstance(data__args__init, str) and data__args__init == 'he')):
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + ".args.init must be one of ['std', 'xavier', 'he']", value=data__args__init, name='' + (name_prefix or 'data') + '.args.init', definition=None, rule='enum')
                    if 'init_std' in data__args_keys:
                        data__args_keys.remove('init_std')
                        data__args__initstd = data__args['init_std']
                        data__args__initstd_any_of_count7 = 0
                        if not data__args__initstd_any_of_count7:
                            try:
                                if not isinstance(data__args__initstd, (int, float, Decimal)) or isinstance(data__args__initstd, bool):
                                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.init_std must be number', value=data__args__initstd, name='' + (name_prefix or 'data') + '.args.init_std', definition=None, rule='type')
                                if isinstance(data__args__initstd, (int, float, Decimal)) and (not isinstance(data__args__initstd, bool)):
                                    if data__args__initstd > 1000.0:
                                        raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.init_std must be smaller than or equal to 1000.0', value=data__args__initstd, name='' + (name_prefix or 'data') + '.args.init_std', definition=None, rule='maximum')
                                    if data__args__initstd <= 0:
                                        raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.init_std must be bigger than 0', value=data__args__initstd, name='' + (name_prefix or 'data') + '.args.init_std', definition=None, rule='exclusiveMinimum')
                                data__args__initstd_any_of_count7 += 1
                            except (JsonSchemaValueException, JsonSchemaValuesException):
                                pass
                        if not data__args__initstd_any_of_count7:
                            try:
                                if not isinstance(data__args__initstd, NoneType):
                                    raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.init_std must be null', value=data__args__initstd, name='' + (name_prefix or 'data') + '.args.init_std', definition=None, rule='type')
                                data__args__initstd_any_of_count7 += 1
                            except (JsonSchemaValueException, JsonSchemaValuesException):
                                pass
                        if not data__args__initstd_any_of_count7:
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.init_std cannot be validated by any definition', value=data__args__initstd, name='' + (name_prefix or 'data') + '.args.init_std', definition=None, rule='anyOf')
                    if 'activation' in data__args_keys:
                        data__args_keys.remove('activation')
                        data__args__activation = data__args['activation']
                        if not (isinstance(data__args__activation, str) and data__args__activation == 'sigmoid' or (isinstance(data__args__activation, str) and data__args__activation == 'tanh') or (isinstance(data__args__activation, str) and data__args__activation == 'relu')):
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + ".args.activation must be one of ['sigmoid', 'tanh', 'relu']", value=data__args__activation, name='' + (name_prefix or 'data') + '.args.activation', definition=None, rule='enum')
                    if 'iters' in data__args_keys:
                        data__args_keys.remove('iters')
                        data__args__iters = data__args['iters']
                        if not isinstance(data__args__iters, int) and (not (isinstance(data__args__iters, float) and data__args__iters.is_integer())) or isinstance(data__args__iters, bool):
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.iters must be integer', value=data__args__iters, name='' + (name_prefix or 'data') + '.args.iters', definition=None, rule='type')
                        if isinstance(data__args__iters, (int, float, Decimal)) and (not isinstance(data__args__iters, bool)):
                            if data__args__iters < 1:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.iters must be bigger than or equal to 1', value=data__args__iters, name='' + (name_prefix or 'data') + '.args.iters', definition=None, rule='minimum')
                            if data__args__iters > 1000000:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.iters must be smaller than or equal to 1000000', value=data__args__iters, name='' + (name_prefix or 'data') + '.args.iters', definition=None, rule='maximum')
                    if 'seed' in data__args_keys:
                        data__args_keys.remove('seed')
                        data__args__seed = data__args['seed']
                        if not isinstance(data__args__seed, int) and (not (isinstance(data__args__seed, float) and data__args__seed.is_integer())) or isinstance(data__args__seed, bool):
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.seed must be integer', value=data__args__seed, name='' + (name_prefix or 'data') + '.args.seed', definition=None, rule='type')
                        if isinstance(data__args__seed, (int, float, Decimal)) and (not isinstance(data__args__seed, bool)):
                            if data__args__seed < 0:
                                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.seed must be bigger than or equal to 0', value=data__args__seed, name='' + (name_prefix or 'data') + '.args.seed', definition=None, rule='minimum')
                    if 'bias' in data__args_keys:
                        data__args_keys.remove('bias')
                        data__args__bias = data__args['bias']
                        if not isinstance(data__args__bias, bool):
                            raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args.bias must be boolean', value=data__args__bias, name='' + (name_prefix or 'data') + '.args.bias', definition=None, rule='type')
                    if data__args_keys:
                        raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args must not contain ' + str(data__args_keys) + ' properties', value=data__args, name='' + (name_prefix or 'data') + '.args', definition=None, rule='additionalProperties')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['name']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
        data_keys = set(data.keys())
        if 'name' in data_keys:
            data_keys.remove('name')
            data__name = data['name']
            if not (isinstance(data__name, str) and data__name == 'kmeans' or (isinstance(data__name, str) and data__name == 'optimizers') or (isinstance(data__name, str) and data__name == 'predict-sin') or (isinstance(data__name, str) and data__name == 'q-learning') or (isinstance(data__name, str) and data__name == 'rnn-binary-addition')):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + ".name must be one of ['kmeans', 'optimizers', 'predict-sin', 'q-learning', 'rnn-binary-addition']", value=data__name, name='' + (name_prefix or 'data') + '.name', definition=None, rule='enum')
        if 'args' in data_keys:
            data_keys.remove('args')
            data__args = data['args']
            if not isinstance(data__args, dict):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.args must be object', value=data__args, name='' + (name_prefix or 'data') + '.args', definition=None, rule='type')
        if data_keys:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must not contain ' + str(data_keys) + ' properties', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='additionalProperties')
    return data

def validate_https___quiz_invalid_bank_v1_json___defs_text(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, dict):
        raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must be object', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['ja', 'en']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
        data_keys = set(data.keys())
        if 'ja' in data_keys:
            data_keys.remove('ja')
            data__ja = data['ja']
            validate_https___quiz_invalid_bank_v1_json___defs_line(data__ja, custom_formats, (name_prefix or 'data') + '.ja')
        if 'en' in data_keys:
            data_keys.remove('en')
            data__en = data['en']
            validate_https___quiz_invalid_bank_v1_json___defs_line(data__en, custom_formats, (name_prefix or 'data') + '.en')
        if data_keys:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must not contain ' + str(data_keys) + ' properties', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='additionalProperties')
    return data

def validate_https___quiz_invalid_bank_v1_json___defs_slug(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, str):
        raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must be string', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='type')
    if isinstance(data, str):
        if not REGEX_PATTERNS['^[a-z0-9]+(-[a-z0-9]+)*$'].search(data):
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must match pattern ^[a-z0-9]+(-[a-z0-9]+)*$', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='pattern')
    return data

def validate_https___quiz_invalid_bank_v1_json___defs_code_option(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, dict):
        raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must be object', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['code']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
        data_keys = set(data.keys())
        if 'code' in data_keys:
            data_keys.remove('code')
            data__code = data['code']
            validate_https___quiz_invalid_bank_v1_json___defs_expression(data__code, custom_formats, (name_prefix or 'data') + '.code')
        if 'correct' in data_keys:
            data_keys.remove('correct')
            data__correct = data['correct']
            if not isinstance(data__correct, bool):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.correct must be boolean', value=data__correct, name='' + (name_prefix or 'data') + '.correct', definition=None, rule='type')
        if 'why' in data_keys:
            data_keys.remove('why')
            data__why = data['why']
            validate_https___quiz_invalid_bank_v1_json___defs_text(data__why, custom_formats, (name_prefix or 'data') + '.why')
        if data_keys:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must not contain ' + str(data_keys) + ' properties', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='additionalProperties')
    return data

def validate_https___quiz_invalid_bank_v1_json___defs_correct_option(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, dict):
        raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must be object', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['correct']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
        data_keys = set(data.keys())
        if 'correct' in data_keys:
            data_keys.remove('correct')
            data__correct = data['correct']
            if not (isinstance(data__correct, bool) and data__correct is True):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.correct must be same as const definition: True', value=data__correct, name='' + (name_prefix or 'data') + '.correct', definition=None, rule='const')
    return data

def validate_https___quiz_invalid_bank_v1_json___defs_option(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, dict):
        raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must be object', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='type')
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['text']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must contain ' + (str(sorted(data__missing_keys)) + ' properties'), value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='required')
        data_keys = set(data.keys())
        if 'text' in data_keys:
            data_keys.remove('text')
            data__text = data['text']
            data__text_one_of_count8 = 0
            if data__text_one_of_count8 < 2:
                try:
                    validate_https___quiz_invalid_bank_v1_json___defs_line(data__text, custom_formats, (name_prefix or 'data') + '.text')
                    data__text_one_of_count8 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException):
                    pass
            if data__text_one_of_count8 < 2:
                try:
                    validate_https___quiz_invalid_bank_v1_json___defs_text(data__text, custom_formats, (name_prefix or 'data') + '.text')
                    data__text_one_of_count8 += 1
                except (JsonSchemaValueException, JsonSchemaValuesException):
                    pass
            if data__text_one_of_count8 != 1:
                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.text must be valid exactly by one definition' + (' (' + str(data__text_one_of_count8) + ' matches found)'), value=data__text, name='' + (name_prefix or 'data') + '.text', definition=None, rule='oneOf')
        if 'correct' in data_keys:
            data_keys.remove('correct')
            data__correct = data['correct']
            if not isinstance(data__correct, bool):
                raise JsonSchemaValueException('' + (name_prefix or 'data') + '.correct must be boolean', value=data__correct, name='' + (name_prefix or 'data') + '.correct', definition=None, rule='type')
        if 'why' in data_keys:
            data_keys.remove('why')
            data__why = data['why']
            validate_https___quiz_invalid_bank_v1_json___defs_text(data__why, custom_formats, (name_prefix or 'data') + '.why')
        if data_keys:
            raise JsonSchemaValueException('' + (name_prefix or 'data') + ' must not contain ' + str(data_keys) + ' properties', value=data, name='' + (name_prefix or 'data') + '', definition=None, rule='additionalProperties')
    return data
validate = validate_https___quiz_invalid_bank_v1_json
