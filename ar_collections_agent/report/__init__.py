from . import ar_collection_statement
