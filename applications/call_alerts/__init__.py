"""Call alerts: civil-society organisations ask to be told by email when a call for
applications opens, for the States under Review they work on or for any of them.

models.py holds the subscription and the record of each alert sent; services.py the
double opt-in, the unsubscribing and the sending; views.py and forms.py the public
pages; admin.py what staff see."""
