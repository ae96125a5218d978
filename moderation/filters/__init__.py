"""Django-free filters: text normalisation, the term matcher, the artist-name matcher, the text classifier
and the image checks. Plain inputs and outputs, so that they can be trained, benchmarked and tested alone."""
